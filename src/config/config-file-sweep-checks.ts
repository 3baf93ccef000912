import { compileExpression, HEALTH_VARIABLES, selectedFields } from '../expressions/index.ts';
import type { DiagnosticDefinition } from '../runbooks/index.ts';

interface SweepIssue {
  path: PropertyKey[];
  message: string;
}

/** What the sweep must do: runbooks and/or checks, or the handoff, never both kinds. */
export function checkSweepShape(sweep: {
  runbooks: readonly string[];
  checks: readonly DiagnosticDefinition[];
  handoff: boolean;
  since?: string | undefined;
  mode: string;
}): SweepIssue[] {
  const issues: SweepIssue[] = [];
  const hasChecks = sweep.runbooks.length > 0 || sweep.checks.length > 0;
  if (sweep.handoff) {
    if (hasChecks) {
      issues.push({
        path: [sweep.runbooks.length > 0 ? 'runbooks' : 'checks'],
        message: 'a handoff sweep posts the handoff only: move runbooks and checks to a sweep of their own',
      });
    }
    if (sweep.mode === 'on_change') {
      issues.push({ path: ['mode'], message: 'a handoff sweep always posts: remove "mode: on_change"' });
    }
  } else {
    if (!hasChecks) {
      issues.push({
        path: ['runbooks'],
        message: 'expected at least one runbook id, a check, or handoff: true',
      });
    }
    if (sweep.since !== undefined) {
      issues.push({
        path: ['since'],
        message: 'only a handoff sweep reads "since": add handoff: true or remove it',
      });
    }
  }
  const seen = new Set<string>(sweep.runbooks);
  sweep.checks.forEach((check, index) => {
    if (seen.has(check.id)) {
      issues.push({
        path: ['checks', index, 'id'],
        message: `"${check.id}" is already a runbook or check of this sweep: give each check its own id`,
      });
    }
    seen.add(check.id);
  });
  return issues;
}

/**
 * One inline check, held to the runbook loader's rules: read-only, and its health conditions
 * compile with the same variables as a runbook's and read only the sweep's `params`.
 */
export function checkSweepCheck(check: DiagnosticDefinition, paramNames: readonly string[]): SweepIssue[] {
  const issues: SweepIssue[] = [];
  if (check.type === 'command' && check.mutating === true) {
    issues.push({
      path: ['mutating'],
      message: 'checks are read-only: a command that changes something belongs in a runbook remediation',
    });
  }
  for (const level of ['critical', 'warning', 'healthy'] as const) {
    const source = check.health?.[level];
    if (source === undefined) continue;
    try {
      compileExpression(source, HEALTH_VARIABLES);
    } catch (error) {
      issues.push({
        path: ['health', level],
        message: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    for (const name of selectedFields(source, 'params')) {
      if (paramNames.includes(name)) continue;
      issues.push({ path: ['health', level], message: `no parameter "${name}" in this sweep's params` });
    }
  }
  return issues;
}
