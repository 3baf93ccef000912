import type { ProgressEvent } from './events.ts';

export interface TimelineEntry {
  at: string;
  /** Milliseconds since the first event. */
  offsetMs: number;
  type: ProgressEvent['type'];
  /** One line: what happened. */
  text: string;
}

function describe(event: ProgressEvent): string | undefined {
  switch (event.type) {
    case 'run.started':
      return `run started by ${event.actor} on ${event.target}${event.runbook ? ` (v${event.runbook.version})` : ''}`;
    case 'check.started':
      return undefined;
    case 'check.finished':
      return `${event.outcome.checkId}: ${event.outcome.health} (${event.outcome.durationMs} ms)`;
    case 'decision.taken':
      return event.path.length > 0
        ? `decision: ${event.conclusion ?? event.path.at(-1)}`
        : 'decision: no rule matched';
    case 'conclusion':
      return `conclusion: ${event.conclusion.category} (${event.conclusion.confidence} confidence)`;
    case 'remediation.proposed':
      return `proposed ${event.remediation.remediationId} (${event.remediation.risk} risk)${event.approvalId ? `, approval ${event.approvalId}` : ''}`;
    case 'approval.decided':
      return `approval ${event.approvalId} ${event.decision} by ${event.actor}`;
    case 'action.finished':
      return `action ${event.status}: ${event.summary}`;
    case 'validation.finished':
      return `validation ${event.passed ? 'passed' : 'failed'}: ${event.summary}`;
    case 'run.finished':
      return `run ${event.status} in ${event.durationMs} ms`;
    case 'error':
      return `error ${event.code}: ${event.message}`;
    case 'step.changed':
      return `step ${event.stepId}: ${event.status}`;
    case 'knowledge.retrieved':
      return `knowledge: ${event.passages.length} passages`;
    case 'hypothesis.formed':
      return `hypothesis ${event.hypothesis.category}: ${event.hypothesis.statement}`;
    case 'evidence.graded':
      return `evidence ${event.evidence.checkId} → ${event.evidence.grade}`;
    case 'hypothesis.branched':
      return `branched ${event.hypothesisId}: ${event.reason}`;
    case 'hypothesis.pruned':
      return `pruned ${event.hypothesisId}: ${event.reason}`;
    default:
      return event satisfies never;
  }
}

/** The notable moments of a run, oldest first (check starts are left out: their finish says it all). */
export function buildTimeline(events: readonly ProgressEvent[]): TimelineEntry[] {
  const first = events[0] ? Date.parse(events[0].at) : 0;
  return events.flatMap((event) => {
    const text = describe(event);
    if (text === undefined) return [];
    return [{ at: event.at, offsetMs: Math.max(0, Date.parse(event.at) - first), type: event.type, text }];
  });
}
