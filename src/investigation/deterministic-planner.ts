import type { ActionRegistry } from '../actions/types.ts';
import type { Conclusion, EvidenceItem } from '../engine/index.ts';
import { type LoadedRunbook, matchAlert } from '../runbooks/index.ts';
import type { BoundCheck } from './bind-checks.ts';
import { formHypotheses } from './form-hypotheses.ts';
import {
  addHypothesis,
  branchOnEvidence,
  checksFor,
  concludeSession,
  type InvestigationSession,
  pruneAndAnnounce,
  regradeAll,
  timingOf,
} from './investigation-session.ts';
import { scorePriors } from './score-priors.ts';
import type { InvestigationTrigger } from './types.ts';

/**
 * Triage: every screening and symptom check of the library at once, for the incident's context.
 * Cheap, broad and parallel, so the hypotheses rest on what is abnormal, not only on the alert's name.
 */
async function triage(session: InvestigationSession) {
  return session.runner.run(session.bound.filter((check) => check.triage !== undefined));
}

function matchedRunbooks(session: InvestigationSession, trigger: InvestigationTrigger): LoadedRunbook[] {
  return trigger.alert ? matchAlert(session.runbooks, trigger.alert) : [];
}

/**
 * The planner without a model: triage, priors from the alert and the knowledge base, 3–5
 * hypotheses, then rounds of testing (each hypothesis' checks in parallel), grading, pruning and
 * branching on strong evidence, within the depth, check and time budgets; then the conclusion.
 */
export async function runDeterministicPlanner(
  session: InvestigationSession,
  trigger: InvestigationTrigger,
  actions: ActionRegistry | undefined,
): Promise<{ conclusion: Conclusion; evidence: EvidenceItem[] }> {
  const screened = await triage(session);
  const priors = scorePriors(session.incident, matchedRunbooks(session, trigger), session.knowledge);
  const drafts = formHypotheses(priors, screened, session.incident, session.limits.maxHypotheses);
  for (const draft of drafts) {
    const { category, resource } = draft.hypothesis;
    addHypothesis(session, category, draft.prior, resource === undefined ? {} : { resource });
  }
  regradeAll(session, timingOf(session));

  let queued = new Map<string, BoundCheck[]>(
    session.records.map((record) => [record.hypothesis.id, checksFor(session, record.hypothesis.category)]),
  );
  for (let depth = 1; depth <= session.limits.maxDepth && queued.size > 0; depth++) {
    if (session.isOutOfTime() || session.runner.remainingBudget === 0) break;
    await Promise.all([...queued].map(([hypothesisId, checks]) => session.runner.run(checks, hypothesisId)));
    regradeAll(session, timingOf(session));
    pruneAndAnnounce(session, true);
    queued = new Map();
    for (const record of session.records) {
      if (record.hypothesis.status !== 'supported') continue;
      const followUps = branchOnEvidence(session, record);
      if (followUps.length > 0) queued.set(record.hypothesis.id, followUps);
    }
  }
  return concludeSession(session, actions);
}
