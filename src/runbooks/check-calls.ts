import type { SourceIssue } from '../errors/index.ts';
import type { LoadedRunbook } from './loaded-runbook.ts';

/**
 * Runbook steps that call other runbooks: every call cycle (a → b → a) is an error on each runbook
 * in it, at the call that closes it; a call to a runbook not among those loaded is a warning (it
 * may live in a folder not being checked, and fails at run time if it is really missing).
 */
export function checkRunbookCalls(runbooks: readonly LoadedRunbook[]): {
  errors: SourceIssue[];
  warnings: SourceIssue[];
  inCycle: Set<string>;
} {
  const byId = new Map(runbooks.map((runbook) => [runbook.definition.id, runbook]));
  const errors: SourceIssue[] = [];
  const warnings: SourceIssue[] = [];
  const inCycle = new Set<string>();
  for (const runbook of runbooks) {
    for (const call of runbook.calls ?? []) {
      if (!byId.has(call.runbookId)) {
        warnings.push({
          file: runbook.file,
          line: call.line,
          field: call.field,
          message: `calls runbook "${call.runbookId}", which is not loaded here`,
        });
      }
    }
  }
  for (const runbook of runbooks) {
    const start = runbook.definition.id;
    // Depth-first from each call: a path that comes back to `start` is a cycle through it.
    for (const call of runbook.calls ?? []) {
      const path = findPath(call.runbookId, start, byId, new Set());
      if (!path) continue;
      inCycle.add(start);
      errors.push({
        file: runbook.file,
        line: call.line,
        field: call.field,
        message: `runbook call cycle: ${[start, ...path].join(' → ')}; a runbook may not call back into itself`,
      });
    }
  }
  return { errors, warnings, inCycle };
}

function findPath(
  from: string,
  target: string,
  byId: ReadonlyMap<string, LoadedRunbook>,
  visited: Set<string>,
): string[] | undefined {
  if (from === target) return [from];
  if (visited.has(from)) return undefined;
  visited.add(from);
  for (const call of byId.get(from)?.calls ?? []) {
    const rest = findPath(call.runbookId, target, byId, visited);
    if (rest) return [from, ...rest];
  }
  return undefined;
}
