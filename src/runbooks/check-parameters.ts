import { coerceParamValue, parameterPattern } from './coerce-param-value.ts';
import type { PathIssue } from './field-path.ts';
import type { RunbookDefinition } from './schema.ts';

/** Each parameter's pattern compiles and its default is a valid value for it. */
export function checkParameters(runbook: RunbookDefinition): PathIssue[] {
  const issues: PathIssue[] = [];
  runbook.parameters.forEach((parameter, index) => {
    try {
      parameterPattern(parameter);
    } catch (error) {
      issues.push({
        path: ['parameters', index, 'pattern'],
        message: `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
    if (parameter.default === undefined) return;
    const result = coerceParamValue(parameter, parameter.default, true);
    if (!result.ok) {
      issues.push({
        path: ['parameters', index, 'default'],
        message: `${JSON.stringify(parameter.default)}: ${result.problem}`,
      });
    }
  });
  return issues;
}
