import type { ApprovalRequest } from '../approvals/types.ts';
import type { Conclusion, ProgressEvent } from '../engine/events.ts';
import type { RunRecord } from '../runs/types.ts';

export interface HandoffAction {
  runId: string;
  target: string;
  approvalId: string;
  status: 'succeeded' | 'failed';
  summary: string;
  validation?: { passed: boolean; summary: string };
}

/** What the next on-call needs to know about a shift, folded from run records and approvals. */
export interface HandoffSummary {
  since: string;
  until: string;
  /** Runs still running or paused, whenever they started. */
  open: RunRecord[];
  /** Runs of the window that reached a conclusion. */
  concluded: Array<{ run: RunRecord; conclusion: Conclusion }>;
  pendingApprovals: ApprovalRequest[];
  actions: HandoffAction[];
  /** One line per thing nobody has closed: failed runs, failed actions or validations, open questions. */
  unresolved: string[];
  /** Runs started in the window. */
  runCount: number;
}

type EventOf<T extends ProgressEvent['type']> = Extract<ProgressEvent, { type: T }>;

/** Each action of a run, with the validation that followed it (the next validation event). */
function actionsOf(run: RunRecord): HandoffAction[] {
  const actions: HandoffAction[] = [];
  let last: HandoffAction | undefined;
  for (const event of run.events) {
    if (event.type === 'action.finished') {
      const finished = event as EventOf<'action.finished'>;
      last = {
        runId: run.id,
        target: run.target,
        approvalId: finished.approvalId,
        status: finished.status,
        summary: finished.summary,
      };
      actions.push(last);
    } else if (event.type === 'validation.finished' && last && !last.validation) {
      const validation = event as EventOf<'validation.finished'>;
      last.validation = { passed: validation.passed, summary: validation.summary };
    }
  }
  return actions;
}

/** Pure: the shift summary of `runs` and `pending` approvals between `since` and `now`. */
export function buildHandoff(input: {
  runs: readonly RunRecord[];
  pending: readonly ApprovalRequest[];
  since: Date;
  now: Date;
}): HandoffSummary {
  const sinceIso = input.since.toISOString();
  const inWindow = input.runs.filter(
    (run) => run.startedAt >= sinceIso || (run.finishedAt ?? '') >= sinceIso,
  );
  const open = input.runs.filter((run) => run.status === 'running' || run.status === 'paused');
  const concluded = inWindow.flatMap((run) => (run.conclusion ? [{ run, conclusion: run.conclusion }] : []));
  const actions = inWindow.flatMap(actionsOf);
  const unresolved: string[] = [];
  for (const run of inWindow) {
    if (run.status === 'failed') unresolved.push(`run ${run.id} (${run.target}) failed`);
    if (run.conclusion && (run.conclusion.category === 'none' || run.conclusion.confidence === 'low')) {
      unresolved.push(`no confident root cause for ${run.target} (run ${run.id}): ${run.conclusion.summary}`);
    }
  }
  for (const action of actions) {
    if (action.status === 'failed')
      unresolved.push(`action ${action.approvalId} on ${action.target} failed: ${action.summary}`);
    else if (action.validation && !action.validation.passed) {
      unresolved.push(
        `${action.target} still unhealthy after ${action.approvalId}: ${action.validation.summary}`,
      );
    }
  }
  for (const approval of input.pending) {
    unresolved.push(`approval ${approval.id} (${approval.plan.description}) waits for a decision`);
  }
  for (const run of open) unresolved.push(`run ${run.id} (${run.target}) is still ${run.status}`);
  return {
    since: sinceIso,
    until: input.now.toISOString(),
    open,
    concluded,
    pendingApprovals: [...input.pending],
    actions,
    unresolved,
    runCount: inWindow.length,
  };
}
