import { errorMessage } from '../errors/index.ts';
import { type CompiledExpression, evaluateCondition } from '../expressions/index.ts';
import type { RootCause } from '../runbooks/root-causes.ts';
import type { DecisionRuleDefinition, RunbookDefinition, SeverityLevel } from '../runbooks/schema.ts';
import { decisionContext } from './decision-context.ts';
import type { Params } from './evaluate-health.ts';
import type { DiagnosticOutcome } from './run-diagnostics.ts';

export interface DecisionResult {
  /** The `when` of every rule taken, outermost first. Empty when no rule matched. */
  path: string[];
  conclusion?: string;
  category?: RootCause;
  severity?: SeverityLevel;
  /** Remediation ids to recommend, in the order the rule lists them. */
  recommend: string[];
  escalate: boolean;
  /** Rules that could not be evaluated (they count as not matching). */
  errors: string[];
}

/**
 * Walks the decision tree: at each level the first rule whose `when` holds is taken and its children
 * refine it. Each field of the outcome comes from the deepest rule taken that sets it, so a child
 * may refine the conclusion while inheriting its parent's category. Evaluation errors are
 * collected, never thrown: a rule that cannot be evaluated is passed over.
 */
export function evaluateDecisionTree(
  definition: Pick<RunbookDefinition, 'decision'>,
  outcomes: readonly DiagnosticOutcome[],
  params: Params,
  expression: (source: string) => CompiledExpression,
): DecisionResult {
  const context = decisionContext(outcomes, params);
  const result: DecisionResult = { path: [], recommend: [], escalate: false, errors: [] };
  let rules: readonly DecisionRuleDefinition[] | undefined = definition.decision;
  let location = 'decision';
  while (rules && rules.length > 0) {
    const taken = firstMatching(rules, location, context, expression, result.errors);
    if (!taken) break;
    const { rule, index } = taken;
    result.path.push(rule.when);
    if (rule.conclusion !== undefined) result.conclusion = rule.conclusion;
    if (rule.category !== undefined) result.category = rule.category;
    if (rule.severity !== undefined) result.severity = rule.severity;
    if (rule.recommend !== undefined) result.recommend = [...rule.recommend];
    if (rule.escalate !== undefined) result.escalate = rule.escalate;
    rules = rule.rules;
    location = `${location}[${index}].rules`;
  }
  return result;
}

function firstMatching(
  rules: readonly DecisionRuleDefinition[],
  location: string,
  context: Record<string, unknown>,
  expression: (source: string) => CompiledExpression,
  errors: string[],
): { rule: DecisionRuleDefinition; index: number } | undefined {
  for (const [index, rule] of rules.entries()) {
    let compiled: CompiledExpression;
    try {
      compiled = expression(rule.when);
    } catch (error) {
      errors.push(`${location}[${index}].when: ${errorMessage(error)}`);
      continue;
    }
    const evaluated = evaluateCondition(compiled, context);
    if (!evaluated.ok) {
      errors.push(`${location}[${index}].when: ${evaluated.error}`);
      continue;
    }
    if (evaluated.matched) return { rule, index };
  }
  return undefined;
}
