import type { ApprovalRequest } from '../approvals/index.ts';
import type { ProgressEvent } from '../engine/events.ts';
import type { RunRecord } from '../runs/index.ts';

type EventOf<T extends ProgressEvent['type']> = Extract<ProgressEvent, { type: T }>;

function eventsOf<T extends ProgressEvent['type']>(events: readonly ProgressEvent[], type: T): EventOf<T>[] {
  return events.filter((event): event is EventOf<T> => event.type === type);
}

/** One approval as the API shows it (the plan's spec stays out: the dry run says what it does). */
function approvalView(approval: ApprovalRequest) {
  return {
    id: approval.id,
    remediationId: approval.remediationId,
    status: approval.status,
    risk: approval.plan.risk,
    target: approval.plan.target,
    description: approval.plan.description,
    dryRun: approval.plan.dryRun,
    rollback: approval.plan.rollback,
    requestedBy: approval.requestedBy,
    requestedAt: approval.requestedAt,
    expiresAt: approval.expiresAt,
    ...(approval.decidedBy === undefined ? {} : { decidedBy: approval.decidedBy }),
    ...(approval.decidedAt === undefined ? {} : { decidedAt: approval.decidedAt }),
    ...(approval.outcome === undefined ? {} : { outcome: approval.outcome }),
  };
}

/** A run's summary line in lists. */
export function runSummary(record: RunRecord) {
  return {
    id: record.id,
    kind: record.kind,
    target: record.target,
    status: record.status,
    actor: record.actor,
    source: record.origin.source,
    startedAt: record.startedAt,
    ...(record.finishedAt === undefined ? {} : { finishedAt: record.finishedAt }),
    ...(record.runbook === undefined ? {} : { runbook: record.runbook }),
    ...(record.conclusion === undefined ? {} : { conclusion: record.conclusion.summary }),
  };
}

/**
 * A run's timeline grouped the way a person reads an incident: steps, evidence (check results and
 * grades), hypotheses (latest state), decisions, approvals, actions and their validation, plus the
 * raw events in order.
 */
export function runTimeline(record: RunRecord, approvals: readonly ApprovalRequest[]) {
  const { events } = record;
  const hypotheses = new Map(
    eventsOf(events, 'hypothesis.formed').map((e) => [e.hypothesis.id, e.hypothesis]),
  );
  for (const graded of eventsOf(events, 'evidence.graded')) {
    const hypothesis = hypotheses.get(graded.evidence.hypothesisId);
    if (hypothesis) hypotheses.set(hypothesis.id, { ...hypothesis, confidence: graded.confidence });
  }
  for (const pruned of eventsOf(events, 'hypothesis.pruned')) {
    const hypothesis = hypotheses.get(pruned.hypothesisId);
    if (hypothesis) hypotheses.set(hypothesis.id, { ...hypothesis, status: 'pruned' });
  }
  const steps = new Map<string, EventOf<'step.changed'>>();
  for (const step of eventsOf(events, 'step.changed')) steps.set(step.stepId, step);
  return {
    ...runSummary(record),
    params: record.params,
    ...(record.warnings === undefined ? {} : { warnings: record.warnings }),
    ...(record.conclusion === undefined ? {} : { conclusion: record.conclusion }),
    steps: [...steps.values()].map(({ stepId, status, summary, at }) => ({ stepId, status, summary, at })),
    evidence: {
      checks: eventsOf(events, 'check.finished').map((e) => ({ at: e.at, ...e.outcome })),
      grades: eventsOf(events, 'evidence.graded').map((e) => ({ at: e.at, ...e.evidence })),
    },
    hypotheses: [...hypotheses.values()],
    decisions: eventsOf(events, 'decision.taken').map(({ type: _type, runId: _runId, ...rest }) => rest),
    approvals: approvals.map(approvalView),
    actions: eventsOf(events, 'action.finished').map(({ type: _type, runId: _runId, ...rest }) => rest),
    validations: eventsOf(events, 'validation.finished').map(
      ({ type: _type, runId: _runId, ...rest }) => rest,
    ),
    events,
  };
}
