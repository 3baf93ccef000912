import { didYouMean } from './did-you-mean.ts';
import type { FieldPath, PathIssue } from './field-path.ts';
import type { DecisionRuleDefinition, RunbookDefinition } from './schema.ts';

function duplicates(names: readonly (string | undefined)[], base: FieldPath, field: string, what: string) {
  const issues: PathIssue[] = [];
  const firstIndex = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === undefined) return;
    const first = firstIndex.get(name);
    if (first === undefined) firstIndex.set(name, index);
    else
      issues.push({
        path: [...base, index, field],
        message: `duplicate ${what} "${name}" (first at ${String(base[0])}[${first}])`,
      });
  });
  return issues;
}

function recommendIssues(
  rules: readonly DecisionRuleDefinition[],
  base: FieldPath,
  ids: string[],
): PathIssue[] {
  return rules.flatMap((rule, index) => [
    ...(rule.recommend ?? []).flatMap((id, position) =>
      ids.includes(id)
        ? []
        : [
            {
              path: [...base, index, 'recommend', position],
              message: `no remediation "${id}" in this runbook${didYouMean(id, ids) || (ids.length > 0 ? `; defined: ${ids.join(', ')}` : '; it has no remediations')}`,
            },
          ],
    ),
    ...recommendIssues(rule.rules ?? [], [...base, index, 'rules'], ids),
  ]);
}

/** Ids are unique within their list, and every `recommend:` names a remediation of this runbook. */
export function checkReferences(runbook: RunbookDefinition): PathIssue[] {
  const remediationIds = runbook.remediations.map((remediation) => remediation.id);
  return [
    ...duplicates(
      runbook.parameters.map((parameter) => parameter.name),
      ['parameters'],
      'name',
      'parameter',
    ),
    ...duplicates(
      runbook.diagnostics.map((diagnostic) => diagnostic.id),
      ['diagnostics'],
      'id',
      'diagnostic id',
    ),
    ...duplicates(remediationIds, ['remediations'], 'id', 'remediation id'),
    ...recommendIssues(runbook.decision, ['decision'], remediationIds),
  ];
}
