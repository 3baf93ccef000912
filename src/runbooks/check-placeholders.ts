import { didYouMean } from './did-you-mean.ts';
import type { PathIssue } from './field-path.ts';
import { findPlaceholders, visitStrings } from './placeholders.ts';
import type { RunbookDefinition } from './schema.ts';

/** Every `${name}` anywhere in the runbook names a declared parameter. */
export function checkPlaceholders(runbook: RunbookDefinition): PathIssue[] {
  const declared = runbook.parameters.map((parameter) => parameter.name);
  const issues: PathIssue[] = [];
  visitStrings(runbook, (text, path) => {
    for (const name of findPlaceholders(text)) {
      if (declared.includes(name)) continue;
      const hint =
        didYouMean(name, declared) ||
        (declared.length > 0
          ? `; declared: ${declared.join(', ')}`
          : `; declare it under parameters, or write $\${…} for a literal \${…}`);
      issues.push({ path, message: `unknown parameter "\${${name}}"${hint}` });
    }
  });
  return issues;
}
