export { buildTimeline, type TimelineEntry } from './build-timeline.ts';
export { concludeRunbook } from './conclude-runbook.ts';
export { type DiagnosticView, decisionContext, referencedDiagnostics } from './decision-context.ts';
export { type DecisionResult, evaluateDecisionTree } from './evaluate-decision-tree.ts';
export { evaluateHealth, healthContext, type Params } from './evaluate-health.ts';
export type * from './events.ts';
export { overallSeverity } from './overall-severity.ts';
export {
  type PlanRemediationsOptions,
  planRemediations,
  recommend as planRemediation,
} from './plan-remediations.ts';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_STEP_TIMEOUT_MS,
  type DiagnosticOutcome,
  type RunDiagnosticsOptions,
  runDiagnostics,
} from './run-diagnostics.ts';
export * from './steps/index.ts';
