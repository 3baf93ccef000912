import { type CompiledExpression, compileExpression, selectedFields } from '../expressions/index.ts';
import { didYouMean } from './did-you-mean.ts';
import { expressionSites } from './expression-sites.ts';
import type { PathIssue } from './field-path.ts';
import { inlineDiagnostics } from './flow-steps.ts';
import type { RunbookDefinition } from './schema.ts';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Compiles every expression with the variables its place allows, and checks that each
 * `diagnostics.<id>` and `params.<name>` it reads exists, so a typo fails at load, not at 3 AM.
 */
export function checkExpressions(runbook: RunbookDefinition): {
  compiled: Map<string, CompiledExpression>;
  issues: PathIssue[];
} {
  const compiled = new Map<string, CompiledExpression>();
  const issues: PathIssue[] = [];
  const diagnosticIds = [
    ...runbook.diagnostics.map((diagnostic) => diagnostic.id),
    ...inlineDiagnostics(runbook).map((diagnostic) => diagnostic.id),
  ];
  const parameterNames = runbook.parameters.map((parameter) => parameter.name);
  for (const site of expressionSites(runbook)) {
    try {
      const expression = compileExpression(site.source, site.variables);
      if (!compiled.has(site.source)) compiled.set(site.source, expression);
    } catch (error) {
      issues.push({ path: site.path, message: errorText(error) });
      continue;
    }
    if (site.readsDiagnostics) {
      for (const id of selectedFields(site.source, 'diagnostics')) {
        if (diagnosticIds.includes(id)) continue;
        issues.push({
          path: site.path,
          message: `no diagnostic "${id}" in this runbook${didYouMean(id, diagnosticIds)}`,
        });
      }
    }
    for (const name of selectedFields(site.source, 'params')) {
      if (parameterNames.includes(name)) continue;
      issues.push({
        path: site.path,
        message: `no parameter "${name}" is declared${didYouMean(name, parameterNames)}`,
      });
    }
  }
  return { compiled, issues };
}
