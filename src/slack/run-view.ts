import type {
  Conclusion,
  HealthStatus,
  Hypothesis,
  ProgressEvent,
  RunbookRef,
  RunKind,
  RunStatus,
} from '../engine/events.ts';
import type { SeverityLevel } from '../runbooks/schema.ts';

/** What the parent message shows: the run folded from its events so far. */
export interface RunView {
  runId: string;
  kind: RunKind;
  target: string;
  runbook?: RunbookRef;
  params: Record<string, string>;
  actor?: string;
  status: RunStatus | 'starting';
  startedAt?: string;
  finishedAt?: string;
  severity?: SeverityLevel;
  hypotheses: Hypothesis[];
  checksStarted: number;
  checksFinished: number;
  health: Record<HealthStatus, number>;
  steps: Record<string, string>;
  conclusion?: Conclusion;
  approvalsPending: number;
  summary?: string;
  lastError?: string;
}

export function emptyRunView(runId: string, kind: RunKind = 'investigation', target = ''): RunView {
  return {
    runId,
    kind,
    target,
    params: {},
    status: 'starting',
    hypotheses: [],
    checksStarted: 0,
    checksFinished: 0,
    health: { healthy: 0, warning: 0, critical: 0, unknown: 0, error: 0 },
    steps: {},
    approvalsPending: 0,
  };
}

function updateHypothesis(view: RunView, id: string, change: Partial<Hypothesis>): Hypothesis[] {
  return view.hypotheses.map((hypothesis) =>
    hypothesis.id === id ? { ...hypothesis, ...change } : hypothesis,
  );
}

/** Pure: the view after one more event. */
export function reduceRunView(view: RunView, event: ProgressEvent): RunView {
  switch (event.type) {
    case 'run.started':
      return {
        ...view,
        runId: event.runId,
        kind: event.kind,
        target: event.target,
        ...(event.runbook ? { runbook: event.runbook } : {}),
        params: Object.fromEntries(Object.entries(event.params).map(([key, value]) => [key, String(value)])),
        actor: event.actor,
        status: 'running',
        startedAt: event.at,
      };
    case 'hypothesis.formed':
      return {
        ...view,
        hypotheses: [...view.hypotheses.filter((h) => h.id !== event.hypothesis.id), event.hypothesis],
      };
    case 'check.started':
      return { ...view, checksStarted: view.checksStarted + 1 };
    case 'check.finished':
      return {
        ...view,
        checksFinished: view.checksFinished + 1,
        health: { ...view.health, [event.outcome.health]: view.health[event.outcome.health] + 1 },
      };
    case 'evidence.graded':
      return {
        ...view,
        hypotheses: updateHypothesis(view, event.evidence.hypothesisId, { confidence: event.confidence }),
      };
    case 'hypothesis.pruned':
      return { ...view, hypotheses: updateHypothesis(view, event.hypothesisId, { status: 'pruned' }) };
    case 'conclusion':
      return {
        ...view,
        conclusion: event.conclusion,
        ...(event.conclusion.severity ? { severity: event.conclusion.severity } : {}),
      };
    case 'remediation.proposed':
      return event.approvalId ? { ...view, approvalsPending: view.approvalsPending + 1 } : view;
    case 'approval.decided':
      return { ...view, approvalsPending: Math.max(0, view.approvalsPending - 1) };
    case 'step.changed':
      return { ...view, steps: { ...view.steps, [event.stepId]: event.status } };
    case 'run.finished':
      return { ...view, status: event.status, finishedAt: event.at, summary: event.summary };
    case 'error':
      return { ...view, lastError: `${event.code}: ${event.message}` };
    case 'knowledge.retrieved':
    case 'hypothesis.branched':
    case 'decision.taken':
    case 'action.finished':
    case 'validation.finished':
      return view;
    default:
      return event satisfies never;
  }
}

/** "42s", "3m 05s", "1h 02m". */
export function formatElapsed(fromIso: string | undefined, to: Date): string {
  if (fromIso === undefined) return '0s';
  const seconds = Math.max(0, Math.round((to.getTime() - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
