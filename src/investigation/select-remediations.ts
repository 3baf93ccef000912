import type { ActionRegistry } from '../actions/types.ts';
import {
  type DiagnosticOutcome,
  decisionContext,
  evaluateDecisionTree,
  planRemediations,
  type RecommendedRemediation,
} from '../engine/index.ts';
import { errorMessage } from '../errors/index.ts';
import { evaluateCondition } from '../expressions/index.ts';
import {
  type LoadedRunbook,
  type RemediationDefinition,
  type ResolvedParams,
  type RootCause,
  remediationActionType,
  requiresApproval,
  substituteParams,
} from '../runbooks/index.ts';
import type { BoundCheck } from './bind-checks.ts';
import type { RanCheck } from './execute-checks.ts';

/** The runbook's parameters, with values the investigation learned for those it left empty. */
function withLearned(
  runbook: LoadedRunbook,
  params: ResolvedParams,
  learned: Readonly<Record<string, string>>,
): ResolvedParams {
  const filled: ResolvedParams = { ...params };
  for (const parameter of runbook.definition.parameters) {
    const value = learned[parameter.name];
    if (value !== undefined && (filled[parameter.name] === undefined || filled[parameter.name] === ''))
      filled[parameter.name] = value;
  }
  return filled;
}

function substitutedName(
  runbook: LoadedRunbook,
  entry: RecommendedRemediation,
  params: ResolvedParams,
): string {
  const remediation = runbook.definition.remediations.find(
    (candidate) => candidate.id === entry.remediationId,
  );
  return remediation ? describe(remediation, runbook, params).name : entry.name;
}

export interface RemediationSource {
  runbook: LoadedRunbook;
  decisionPath: string[];
  conclusion?: string;
}

function describe(
  remediation: RemediationDefinition,
  runbook: LoadedRunbook,
  params: ResolvedParams,
): RecommendedRemediation {
  let name = remediation.name;
  try {
    name = substituteParams(remediation.name, params);
  } catch (error) {
    name = `${remediation.name} (${errorMessage(error)})`;
  }
  return {
    runbookId: runbook.definition.id,
    remediationId: remediation.id,
    name,
    actionType: remediationActionType(remediation),
    risk: remediation.risk,
    requiresApproval: requiresApproval(remediation),
    ...(remediation.rollback === undefined ? {} : { rollback: remediation.rollback }),
    params: { ...params },
  };
}

/**
 * The remediations to recommend for a root cause, taken only from the runbooks written for that
 * category (never invented): the ones the runbook's decision tree recommends on this evidence,
 * else every remediation whose `when` holds. With an action registry each is dry-run planned.
 */
export async function selectRemediations(
  category: RootCause,
  runbooks: readonly LoadedRunbook[],
  bound: readonly BoundCheck[],
  find: (check: BoundCheck) => RanCheck | undefined,
  actions: ActionRegistry | undefined,
  learned: Readonly<Record<string, string>> = {},
): Promise<{ remediations: RecommendedRemediation[]; sources: RemediationSource[] }> {
  if (category === 'none') return { remediations: [], sources: [] };
  const relevant = runbooks
    .filter(
      (runbook) =>
        runbook.definition.status === 'published' && runbook.definition.categories.includes(category),
    )
    .sort((a, b) => a.definition.categories.indexOf(category) - b.definition.categories.indexOf(category))
    .slice(0, 2);
  const remediations: RecommendedRemediation[] = [];
  const sources: RemediationSource[] = [];
  for (const runbook of relevant) {
    const own = bound.filter((check) => check.runbook === runbook);
    const params = withLearned(runbook, own[0]?.params ?? {}, learned);
    const outcomes: DiagnosticOutcome[] = own.flatMap((check) => {
      const ran = find(check);
      return ran ? [{ ...ran.diagnosticOutcome, step: check.diagnostic }] : [];
    });
    const expression = (source: string) => runbook.expression(source);
    const decision = evaluateDecisionTree(runbook.definition, outcomes, params, expression);
    const decided = decision.category === category && decision.recommend.length > 0;
    const context = decisionContext(outcomes, params);
    const chosen = decided
      ? decision.recommend
      : runbook.definition.remediations
          .filter((remediation) => {
            if (remediation.when === undefined) return true;
            const evaluated = evaluateCondition(expression(remediation.when), context);
            return evaluated.ok && evaluated.matched;
          })
          .map((remediation) => remediation.id);
    sources.push({
      runbook,
      decisionPath: decision.path,
      ...(decided && decision.conclusion !== undefined ? { conclusion: decision.conclusion } : {}),
    });
    if (actions) {
      // The choice is made above; planRemediations re-checks each `when` and plans the action.
      const choice = { decision: [{ when: 'true' }], remediations: runbook.definition.remediations };
      const planned = await planRemediations(
        choice,
        { ...decision, recommend: chosen },
        outcomes,
        params,
        actions,
        {
          expression,
          substitute: substituteParams,
          runbookId: runbook.definition.id,
        },
      );
      remediations.push(
        ...planned.map((entry) => ({ ...entry, name: substitutedName(runbook, entry, params) })),
      );
      continue;
    }
    for (const id of chosen) {
      const remediation = runbook.definition.remediations.find((candidate) => candidate.id === id);
      if (remediation) remediations.push(describe(remediation, runbook, params));
    }
  }
  const seen = new Set<string>();
  return {
    remediations: remediations.filter((remediation) => {
      const key = `${remediation.runbookId}/${remediation.remediationId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    sources,
  };
}

/**
 * The remediations named by id (`runbook-id/remediation-id`), as chosen by the Claude planner.
 * Ids that do not exist were already refused; any left here are skipped, never invented.
 */
export async function recommendByIds(
  ids: readonly string[],
  runbooks: readonly LoadedRunbook[],
  bound: readonly BoundCheck[],
  find: (check: BoundCheck) => RanCheck | undefined,
  actions: ActionRegistry | undefined,
): Promise<RecommendedRemediation[]> {
  const recommended: RecommendedRemediation[] = [];
  for (const id of ids) {
    const [runbookId, remediationId] = id.split('/');
    const runbook = runbooks.find((candidate) => candidate.definition.id === runbookId);
    const remediation = runbook?.definition.remediations.find((candidate) => candidate.id === remediationId);
    if (!runbook || !remediation) continue;
    const own = bound.filter((check) => check.runbook === runbook);
    const params = own[0]?.params ?? {};
    if (!actions) {
      recommended.push(describe(remediation, runbook, params));
      continue;
    }
    const outcomes: DiagnosticOutcome[] = own.flatMap((check) => {
      const ran = find(check);
      return ran ? [{ ...ran.diagnosticOutcome, step: check.diagnostic }] : [];
    });
    const choice = { decision: [{ when: 'true' }], remediations: [{ ...remediation, when: undefined }] };
    const planned = await planRemediations(
      choice as Parameters<typeof planRemediations>[0],
      { path: [], recommend: [remediation.id], escalate: false, errors: [] },
      outcomes,
      params,
      actions,
      {
        expression: (source) => runbook.expression(source),
        substitute: substituteParams,
        runbookId: runbook.definition.id,
      },
    );
    recommended.push(...planned);
  }
  return recommended;
}
