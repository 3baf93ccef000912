import pg from 'pg';
import { errorMessage } from '../../errors/index.ts';

/** Numeric PostgreSQL types (int2, int4, int8, oid, float4, float8, numeric): their cells become numbers. */
const NUMERIC_TYPE_IDS = new Set([20, 21, 23, 26, 700, 701, 1700]);
const CONNECT_TIMEOUT_MS = 5_000;

export interface SqlRows {
  rows: Array<Record<string, unknown>>;
  columns: string[];
  rowCount: number;
}

/** What a person can act on, from a PostgreSQL error: read-only refusals and timeouts by name. */
export function describePgError(database: string, error: unknown, timeoutMs: number): string {
  const code = (error as { code?: unknown }).code;
  if (code === '25006')
    return `database ${database}: refused to write in a read-only transaction (${errorMessage(error)})`;
  if (code === '57014')
    return `database ${database}: timed out after ${timeoutMs} ms (statement_timeout) and was cancelled`;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
    return `database ${database}: cannot connect (${String(code)}); check RUNBOOK_DATABASE_${database.toUpperCase()}_URL`;
  }
  return `database ${database}: ${errorMessage(error)}`;
}

function toRecords(result: pg.QueryResult): SqlRows {
  const numeric = new Set(
    result.fields.filter((field) => NUMERIC_TYPE_IDS.has(field.dataTypeID)).map((field) => field.name),
  );
  const rows = result.rows.map((row: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(row).map(([name, cell]) => {
        if (numeric.has(name) && typeof cell === 'string' && cell.trim() !== '') return [name, Number(cell)];
        if (cell instanceof Date) return [name, cell.toISOString()];
        return [name, cell];
      }),
    ),
  );
  return {
    rows,
    columns: result.fields.map((field) => field.name),
    rowCount: result.rowCount ?? rows.length,
  };
}

/**
 * One connection, one transaction (`BEGIN READ ONLY` or `BEGIN`), `statement_timeout` set inside
 * it, the statement, then COMMIT (or ROLLBACK for read-only and on any error), and the connection
 * closed. Aborting `signal` closes the connection, which cancels the statement.
 */
export async function inTransaction(input: {
  url: string;
  readOnly: boolean;
  timeoutMs: number;
  signal: AbortSignal;
  sql: string;
  args: ReadonlyArray<string | number | boolean>;
}): Promise<SqlRows> {
  const client = new pg.Client({ connectionString: input.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  const onAbort = () => {
    client.end().catch(() => undefined);
  };
  input.signal.addEventListener('abort', onAbort, { once: true });
  // A connection error after connect (server gone) must not become an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query(input.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(input.timeoutMs))}`);
    try {
      const result = await client.query(input.sql, [...input.args]);
      await client.query(input.readOnly ? 'ROLLBACK' : 'COMMIT');
      return toRecords(result);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    input.signal.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}
