export { createAgentStep } from './agent-step.ts';
export { createRunService } from './create-run-service.ts';
export type {
  ApprovalPort,
  RunbookCatalogPort,
  RunnableRunbook,
  RunServiceDeps,
} from './deps.ts';
export { type ControlAction, isRunOwned, reachedState } from './run-control.ts';
export { MAX_RUN_EVENTS } from './run-records.ts';
export type * from './types.ts';
