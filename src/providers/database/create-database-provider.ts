import { parseDurationMs } from '../../runbooks/schema.ts';
import { errorResult, type Provider } from '../types.ts';
import { describePgError, inTransaction } from './pg-session.ts';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_ROW_LIMIT = 100;
const MAX_CELL_CHARS = 500;
const ROW_QUERY = /^\s*(select|with|values|table)\b/i;

function bounded(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([name, cell]) => [
      name,
      typeof cell === 'string' && cell.length > MAX_CELL_CHARS ? `${cell.slice(0, MAX_CELL_CHARS)}…` : cell,
    ]),
  );
}

/**
 * `database_query`: SQL over a configured PostgreSQL connection, inside a READ ONLY transaction
 * with `statement_timeout` (90 % of the step's timeout, so the database's own cancel reports it)
 * and a row limit. Rows are `items`; the first numeric cell of the first row is `value`.
 */
export function createDatabaseProvider(
  databases: Readonly<Record<string, string>>,
): Provider<'database_query'> {
  return {
    type: 'database_query',
    isConfigured: Object.keys(databases).length > 0,
    async check(step, context) {
      const started = Date.now();
      const url = databases[step.database];
      if (url === undefined) {
        const known = Object.keys(databases);
        return errorResult(
          `database "${step.database}" is not configured: set RUNBOOK_DATABASE_${step.database.toUpperCase()}_URL${known.length > 0 ? ` (configured: ${known.join(', ')})` : ''}`,
          0,
          step.sql,
        );
      }
      const timeoutMs = Math.floor(
        ((step.timeout ? parseDurationMs(step.timeout) : undefined) ?? DEFAULT_TIMEOUT_MS) * 0.9,
      );
      const limit = step.rowLimit ?? DEFAULT_ROW_LIMIT;
      const statement = step.sql.trim().replace(/;\s*$/, '');
      // Only row-returning statements can be wrapped; the rest are cut after fetching.
      const sql = ROW_QUERY.test(statement)
        ? `SELECT * FROM (${statement}) AS runbook_rows LIMIT ${limit + 1}`
        : statement;
      try {
        const result = await inTransaction({
          url,
          readOnly: true,
          timeoutMs,
          signal: context.signal,
          sql,
          args: step.args ?? [],
        });
        const truncated = result.rows.length > limit;
        const items = result.rows.slice(0, limit).map(bounded);
        const first = items[0] ?? {};
        const cell = Object.values(first).find((candidate) => typeof candidate === 'number');
        const value = typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
        const count = `${items.length}${truncated ? '+' : ''} row${items.length === 1 ? '' : 's'}`;
        return {
          status: 'ok',
          value,
          series: [],
          items,
          fields: { rows: items.length, truncated, columns: result.columns, database: step.database },
          summary: `${step.database}: ${count}${value === null ? '' : `, first value ${value}`}`,
          query: step.sql,
          durationMs: Date.now() - started,
        };
      } catch (error) {
        return errorResult(describePgError(step.database, error, timeoutMs), Date.now() - started, step.sql);
      }
    },
  };
}
