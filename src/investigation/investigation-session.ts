import type { ActionRegistry } from '../actions/types.ts';
import type { Conclusion, EvidenceItem, ProgressEvent } from '../engine/index.ts';
import type { ProviderRegistry } from '../providers/types.ts';
import type { LoadedRunbook, RootCause } from '../runbooks/index.ts';
import { assessTiming, type TimingAssessment } from './assess-timing.ts';
import { type BoundCheck, bindChecks } from './bind-checks.ts';
import type { KnowledgeHit } from './build-knowledge-index.ts';
import { profileOf } from './category-profiles.ts';
import { chooseConclusion } from './conclude.ts';
import type { IncidentContext } from './derive-context.ts';
import { type CheckRunner, createCheckRunner } from './execute-checks.ts';
import { type HypothesisRecord, statementFor } from './form-hypotheses.ts';
import { gradeHypothesis } from './grade-hypothesis.ts';
import type { InvestigationLimits } from './limits.ts';
import { narrowResource } from './narrow-resource.ts';
import { pruneHypotheses } from './prune-hypotheses.ts';
import { selectRemediations } from './select-remediations.ts';
import type { InvestigationContext } from './types.ts';
import { confidenceAfter } from './update-confidence.ts';

type EventBody = ProgressEvent extends infer E
  ? E extends ProgressEvent
    ? Omit<E, 'runId' | 'at'>
    : never
  : never;

/**
 * The state of one investigation, shared by both planners: the bound checks, the check runner
 * (budget, dedupe), the hypotheses and their evidence. Every change is emitted as a progress event.
 */
export interface InvestigationSession {
  readonly incident: IncidentContext;
  readonly runbooks: readonly LoadedRunbook[];
  readonly knowledge: readonly KnowledgeHit[];
  readonly runner: CheckRunner;
  readonly records: HypothesisRecord[];
  bound: BoundCheck[];
  readonly limits: InvestigationLimits;
  emit(event: EventBody): void;
  isOutOfTime(): boolean;
}

export interface SessionOptions {
  incident: IncidentContext;
  runbooks: readonly LoadedRunbook[];
  knowledge: readonly KnowledgeHit[];
  providers: ProviderRegistry;
  limits: InvestigationLimits;
  context: InvestigationContext;
  signal: AbortSignal;
}

export function createSession(options: SessionOptions): InvestigationSession {
  const { context } = options;
  const deadline = context.now().getTime() + options.limits.maxWallMs;
  const emit = (event: EventBody) =>
    context.emit({ ...event, runId: context.runId, at: context.now().toISOString() } as ProgressEvent);
  return {
    incident: options.incident,
    runbooks: options.runbooks,
    knowledge: options.knowledge,
    records: [],
    bound: bindChecks(options.runbooks, options.incident).checks,
    limits: options.limits,
    runner: createCheckRunner({
      providers: options.providers,
      runId: context.runId,
      now: context.now,
      signal: options.signal,
      emit: context.emit,
      maxChecks: options.limits.maxChecks,
      concurrency: 6,
    }),
    emit,
    isOutOfTime: () => context.now().getTime() >= deadline || options.signal.aborted,
  };
}

/** Adds a hypothesis and announces it. */
export function addHypothesis(
  session: InvestigationSession,
  category: RootCause,
  prior: number,
  options: { resource?: string; statement?: string } = {},
): HypothesisRecord {
  const id = `h${session.records.length + 1}`;
  const resource = options.resource;
  const record: HypothesisRecord = {
    hypothesis: {
      id,
      category,
      statement: options.statement ?? statementFor(category, resource, session.incident.workload),
      ...(resource === undefined ? {} : { resource }),
      checks: checksFor(session, category).map((check) => check.checkId),
      confidence: prior,
      status: 'open',
    },
    prior,
    evidence: [],
    branchedOn: new Set(),
  };
  session.records.push(record);
  session.emit({ type: 'hypothesis.formed', hypothesis: { ...record.hypothesis } });
  return record;
}

/** Checks that test a category: those declared evidence for it, plus its runbooks' context checks. */
export function checksFor(session: InvestigationSession, category: RootCause): BoundCheck[] {
  return session.bound.filter(
    (check) =>
      check.evidenceFor.includes(category) ||
      (check.evidenceFor.length === 0 &&
        check.triage === undefined &&
        check.runbook.definition.categories[0] === category),
  );
}

export function timingOf(session: InvestigationSession): TimingAssessment {
  return assessTiming(session.runner.ran.values());
}

/** Re-grades every live hypothesis against all checks so far; emits grades that are new or changed. */
export function regradeAll(session: InvestigationSession, timing: TimingAssessment): void {
  for (const record of session.records) {
    if (record.hypothesis.status === 'pruned') continue;
    const items = gradeHypothesis(
      record.hypothesis.id,
      record.hypothesis.category,
      session.runner.ran.values(),
      timing,
    );
    const previous = new Map(record.evidence.map((item) => [item.checkId, item]));
    record.evidence = items;
    record.hypothesis.confidence = confidenceAfter(
      record.prior,
      items.map((item) => item.grade),
    );
    if (items.some((item) => item.grade === 'strong') && record.hypothesis.status === 'open') {
      record.hypothesis.status = 'supported';
    }
    for (const item of items) {
      const before = previous.get(item.checkId);
      if (before && before.grade === item.grade) continue;
      session.emit({ type: 'evidence.graded', evidence: item, confidence: record.hypothesis.confidence });
    }
  }
}

export function pruneAndAnnounce(session: InvestigationSession, tested: boolean): void {
  for (const record of pruneHypotheses(session.records, tested)) {
    session.emit({
      type: 'hypothesis.pruned',
      hypothesisId: record.hypothesis.id,
      reason: record.prunedBecause ?? 'ruled out',
    });
  }
}

/**
 * Follows strong evidence: reads which dependency, node, volume or pod it names, and binds the
 * checks that need that value (probe the dependency itself, read that node). Returns them.
 */
export function branchOnEvidence(session: InvestigationSession, record: HypothesisRecord): BoundCheck[] {
  const narrowed = narrowResource(record.hypothesis.category, session.incident, session.runner.ran.values());
  if (narrowed.resource !== undefined && narrowed.resource !== record.hypothesis.resource) {
    record.hypothesis.resource = narrowed.resource;
    record.hypothesis.statement = statementFor(
      record.hypothesis.category,
      narrowed.resource,
      session.incident.workload,
    );
  }
  const fresh = Object.entries(narrowed.learned).filter(
    ([name, value]) =>
      !record.branchedOn.has(`${name}=${value}`) && session.incident[name as keyof IncidentContext] !== value,
  );
  if (fresh.length === 0) return [];
  for (const [name, value] of fresh) record.branchedOn.add(`${name}=${value}`);
  const learned = Object.fromEntries(fresh);
  const known = new Set(session.bound.map((check) => check.checkId));
  const extra = bindChecks(session.runbooks, session.incident, learned).checks.filter(
    (check) => !known.has(check.checkId) && check.evidenceFor.includes(record.hypothesis.category),
  );
  if (extra.length === 0) return [];
  session.bound = [...session.bound, ...extra];
  record.hypothesis.checks = [...record.hypothesis.checks, ...extra.map((check) => check.checkId)];
  session.emit({
    type: 'hypothesis.branched',
    hypothesisId: record.hypothesis.id,
    reason: `${narrowed.detail ?? 'the evidence'} names ${fresh.map(([name, value]) => `${name} ${value}`).join(', ')}: checking it directly`,
    checks: extra.map((check) => check.checkId),
  });
  return extra;
}

/** What the evidence named for the winning hypothesis, as parameter values for its remediations. */
function learnedFor(session: InvestigationSession, record: HypothesisRecord): Record<string, string> {
  const narrowed = narrowResource(record.hypothesis.category, session.incident, session.runner.ran.values());
  const kind = profileOf(record.hypothesis.category)?.resourceKind;
  const resource = record.hypothesis.resource;
  const named =
    resource !== undefined && kind !== undefined && kind !== 'workload' ? { [kind]: resource } : {};
  return { ...narrowed.learned, ...named };
}

/** The conclusion, with remediations from the runbooks of the chosen category; announced. */
export async function concludeSession(
  session: InvestigationSession,
  actions: ActionRegistry | undefined,
): Promise<{ conclusion: Conclusion; evidence: EvidenceItem[] }> {
  const timing = timingOf(session);
  const summaries = new Map(
    [...session.runner.ran.values()].map((check) => [check.outcome.checkId, check.outcome.summary]),
  );
  const draft = chooseConclusion(session.records, timing, session.incident, summaries);
  if (draft.winner) draft.winner.hypothesis.status = 'concluded';
  const learned = draft.winner ? learnedFor(session, draft.winner) : {};
  const { remediations } = await selectRemediations(
    draft.conclusion.category,
    session.runbooks,
    session.bound,
    (check) => session.runner.find(check),
    actions,
    learned,
  );
  const conclusion: Conclusion = { ...draft.conclusion, remediations };
  session.emit({ type: 'conclusion', conclusion });
  return { conclusion, evidence: session.records.flatMap((record) => record.evidence) };
}
