import { RunbookError } from '../../errors/index.ts';
import { describePgError, inTransaction } from '../../providers/index.ts';
import { parseDurationMs } from '../../runbooks/schema.ts';
import { assertGranted, hashPlan } from '../plan-hash.ts';
import type { Action, ActionOutcome, PlannedAction } from '../types.ts';

type SqlSpec = Extract<PlannedAction['spec'], { type: 'sql' }>;
const DEFAULT_TIMEOUT_MS = 30_000;
const PLACEHOLDER = /\$\{[^}]*\}/;

function timeoutOf(spec: SqlSpec): number {
  return (spec.timeout ? parseDurationMs(spec.timeout) : undefined) ?? DEFAULT_TIMEOUT_MS;
}

function dryRun(spec: SqlSpec): string {
  const lines = [spec.sql.trim()];
  (spec.args ?? []).forEach((arg, index) => {
    lines.push(`-- $${index + 1} = ${JSON.stringify(arg)}`);
  });
  lines.push(`-- database ${spec.database}, own transaction, statement_timeout ${timeoutOf(spec)} ms`);
  return lines.join('\n');
}

/**
 * `sql`: one statement on a configured PostgreSQL connection, in its own transaction with a
 * statement timeout. The plan shows the exact SQL and bind values; execution needs a grant for
 * that exact plan and reports (and so audits) the rows affected.
 */
export function createSqlAction(databases: Readonly<Record<string, string>>): Action<'sql'> {
  return {
    type: 'sql',
    async plan(spec, risk, options = {}) {
      const unresolved = [spec.sql, ...(spec.args ?? []).map(String)].find((text) => PLACEHOLDER.test(text));
      if (unresolved !== undefined) {
        throw new RunbookError(
          'action.refused',
          `sql on ${spec.database}: unresolved parameter in "${unresolved}"`,
        );
      }
      const base = {
        type: 'sql' as const,
        target: `database/${spec.database}`,
        description: `run SQL on ${spec.database} in its own transaction`,
        risk,
        mutates: true,
        dryRun: dryRun(spec),
        spec,
        rollback: { description: options.rollback ?? 'none: SQL changes are not undone automatically' },
      };
      return { ...base, hash: hashPlan(base) };
    },
    async execute(planned, grant): Promise<ActionOutcome> {
      assertGranted(planned, grant, 'sql');
      const spec = planned.spec as SqlSpec;
      const url = databases[spec.database];
      if (url === undefined) {
        throw new RunbookError(
          'action.refused',
          `database "${spec.database}" is not configured: set RUNBOOK_DATABASE_${spec.database.toUpperCase()}_URL`,
        );
      }
      const started = Date.now();
      const timeoutMs = timeoutOf(spec);
      try {
        const result = await inTransaction({
          url,
          readOnly: false,
          timeoutMs,
          signal: AbortSignal.timeout(timeoutMs + 5_000),
          sql: spec.sql,
          args: spec.args ?? [],
        });
        return {
          status: 'succeeded',
          summary: `${planned.target}: ${result.rowCount} row${result.rowCount === 1 ? '' : 's'} affected`,
          output: JSON.stringify({ rowsAffected: result.rowCount, rows: result.rows.slice(0, 20) }).slice(
            0,
            4000,
          ),
          undo: planned.rollback,
          durationMs: Date.now() - started,
        };
      } catch (error) {
        return {
          status: 'failed',
          summary: describePgError(spec.database, error, timeoutMs),
          durationMs: Date.now() - started,
        };
      }
    },
  };
}
