export { authorWithModel } from './author-with-model.ts';
export { createSlackApp } from './create-slack-app.ts';
export { type HealthHandlers, healthRoutes, type RequestHandler } from './health-routes.ts';
export { parseRunbookCommand, type RunbookCommand } from './parse-runbook-command.ts';
export {
  APPROVE_ACTION_ID,
  type ApprovalCard,
  approvalCard,
  DENY_ACTION_ID,
  renderApprovalRequest,
  renderApprovalResult,
} from './render-approval.ts';
export { renderEventReply } from './render-event.ts';
export { renderParentMessage } from './render-parent.ts';
export type { SlackMessage } from './render-text.ts';
export { emptyRunView, type RunView, reduceRunView } from './run-view.ts';
export type { SlackLogger } from './slack-logger.ts';
export type { ThreadSink } from './thread-sink.ts';
export type {
  SlackApp,
  SlackAppDeps,
  SlackAppOptions,
  SlackApprovalLookup,
  SlackRunbookCatalog,
  SlackSweeps,
} from './types.ts';
