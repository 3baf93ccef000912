export { executeStep } from './execute-step.ts';
export {
  newProcedureState,
  type ProcedureDefinition,
  type ProcedureResult,
  runProcedure,
} from './run-procedure.ts';
export type * from './types.ts';
