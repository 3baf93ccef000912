import type { PathIssue } from './field-path.ts';
import { MUTATING_ACTIONS, type RunbookDefinition } from './schema.ts';

/**
 * Diagnostics only read, and every mutation waits for an approval: a runbook cannot opt out of
 * either, whatever it says.
 */
export function checkSafety(runbook: RunbookDefinition): PathIssue[] {
  const issues: PathIssue[] = [];
  runbook.diagnostics.forEach((diagnostic, index) => {
    if (diagnostic.type === 'command' && diagnostic.mutating === true) {
      issues.push({
        path: ['diagnostics', index, 'mutating'],
        message:
          'diagnostics are read-only: move a command that changes something to remediations as a run_command action',
      });
    }
  });
  runbook.remediations.forEach((remediation, index) => {
    const type = remediation.action?.type;
    if (type !== undefined && MUTATING_ACTIONS.includes(type) && remediation.requiresApproval === false) {
      issues.push({
        path: ['remediations', index, 'requiresApproval'],
        message: `a ${type} action changes the system and always needs an approval: remove "requiresApproval: false"`,
      });
    }
  });
  return issues;
}
