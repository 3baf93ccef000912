import type { Action, ActionRegistry, PlanOptions } from '../actions/types.ts';
import { errorMessage, RunbookError } from '../errors/index.ts';
import { type CompiledExpression, evaluateCondition } from '../expressions/index.ts';
import {
  type ActionSpecDefinition,
  type RemediationDefinition,
  type RunbookDefinition,
  remediationActionType,
  requiresApproval,
} from '../runbooks/schema.ts';
import { decisionContext } from './decision-context.ts';
import type { DecisionResult } from './evaluate-decision-tree.ts';
import type { Params } from './evaluate-health.ts';
import type { RecommendedRemediation } from './events.ts';
import type { DiagnosticOutcome } from './run-diagnostics.ts';

export interface PlanRemediationsOptions {
  expression: (source: string) => CompiledExpression;
  /** Puts the run's parameters into an action spec (the runbook library's `substituteParams`). */
  substitute: <T>(value: T, params: Params) => T;
  runbookId: string;
  /** What actions may say about the run in messages and pages (notify, escalate). */
  run?: PlanOptions['run'];
  /** Where notify/escalate post when their spec names no channel. */
  channel?: string;
}

/**
 * Which remediations are recommended: those the decision names, in its order, whose `when` holds.
 * A runbook without a decision tree recommends every remediation whose `when` holds. Each one
 * with an action is dry-run planned (`Action.plan`); nothing is executed here.
 */
export async function planRemediations(
  definition: Pick<RunbookDefinition, 'decision' | 'remediations'>,
  decision: DecisionResult,
  outcomes: readonly DiagnosticOutcome[],
  params: Params,
  actions: ActionRegistry,
  options: PlanRemediationsOptions,
): Promise<RecommendedRemediation[]> {
  const context = decisionContext(outcomes, params);
  const byId = new Map(definition.remediations.map((remediation) => [remediation.id, remediation]));
  const candidates =
    definition.decision.length > 0
      ? decision.recommend.flatMap((id) => byId.get(id) ?? [])
      : definition.remediations.filter((remediation) => remediation.when !== undefined);
  const recommended: RecommendedRemediation[] = [];
  for (const remediation of candidates) {
    if (remediation.when !== undefined && !holds(remediation.when, context, options.expression)) continue;
    recommended.push(await recommend(remediation, params, actions, options));
  }
  return recommended;
}

/** `when` was compiled at load; an evaluation error (missing data) means it does not hold. */
function holds(
  source: string,
  context: Record<string, unknown>,
  expression: (source: string) => CompiledExpression,
): boolean {
  const evaluated = evaluateCondition(expression(source), context);
  return evaluated.ok && evaluated.matched;
}

/** Dry-run plans one remediation (no `when`, no decision): what an action step of a procedure proposes. */
export async function recommend(
  remediation: RemediationDefinition,
  params: Params,
  actions: ActionRegistry,
  options: PlanRemediationsOptions,
): Promise<RecommendedRemediation> {
  // Names and rollback notes may mention parameters ("Restart ${service}"); a person reads them.
  const text = (value: string) => {
    try {
      return options.substitute(value, params);
    } catch (error) {
      // A placeholder without a value stays visible as written rather than hiding the remediation.
      if (error instanceof RunbookError) return value;
      throw error;
    }
  };
  const base: RecommendedRemediation = {
    runbookId: options.runbookId,
    remediationId: remediation.id,
    name: text(remediation.name),
    actionType: remediationActionType(remediation),
    risk: remediation.risk,
    requiresApproval: requiresApproval(remediation),
    ...(remediation.rollback === undefined ? {} : { rollback: text(remediation.rollback) }),
    params: { ...params },
  };
  if (!remediation.action) return base;
  const action = actions[remediation.action.type] as Action | undefined;
  if (!action) return { ...base, planError: `no action for ${remediation.action.type}` };
  try {
    const spec = options.substitute<ActionSpecDefinition>(remediation.action, params);
    const plan = await action.plan(spec, remediation.risk, {
      ...(remediation.rollback === undefined ? {} : { rollback: remediation.rollback }),
      ...(options.channel === undefined ? {} : { channel: options.channel }),
      ...(options.run === undefined ? {} : { run: options.run }),
    });
    return { ...base, plan, ...(base.rollback === undefined ? { rollback: plan.rollback.description } : {}) };
  } catch (error) {
    return { ...base, planError: errorMessage(error) };
  }
}
