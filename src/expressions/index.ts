export {
  type CompiledExpression,
  compileExpression,
  type ExpressionResult,
  evaluateCondition,
} from './compile-expression.ts';
export { selectedFields } from './selected-fields.ts';
export { DECISION_VARIABLES, HEALTH_VARIABLES, STEP_VARIABLES, TRIGGER_VARIABLES } from './variables.ts';
