export { createRunCommandAction, type RunCommandOptions } from './command/index.ts';
export { type ActionsDependencies, createActions } from './create-actions.ts';
export {
  createEscalateAction,
  createNotifyAction,
  createPagerDutySender,
  type Notifier,
  type PagerDutyOptions,
  type PagerDutySender,
} from './notify/index.ts';
export { assertGranted, hashPlan } from './plan-hash.ts';
export type {
  Action,
  ActionOutcome,
  ActionRegistry,
  ApprovalGrant,
  PlannedAction,
  PlanOptions,
} from './types.ts';
