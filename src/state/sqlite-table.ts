import Database from 'better-sqlite3';

/** The one table behind the embedded store: values as keyv serialises them, with an expiry column. */
export interface StateTable {
  get(namespace: string, key: string, nowMs: number): string | undefined;
  put(namespace: string, key: string, value: string, expiresAtMs: number | null): void;
  remove(namespace: string, key: string, nowMs: number): boolean;
  keys(namespace: string, prefix: string, nowMs: number): string[];
  /** Inserts unless a live row exists; an expired row is taken over. One statement, so atomic across processes. */
  claim(namespace: string, key: string, value: string, expiresAtMs: number, nowMs: number): boolean;
  clear(namespace: string): void;
  close(): void;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS state (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    expires_at INTEGER,
    PRIMARY KEY (namespace, key)
  ) WITHOUT ROWID`;

const LIVE = '(expires_at IS NULL OR expires_at > ?)';

export function openStateTable(path: string): StateTable {
  // `timeout` is SQLite's busy timeout: another process holding the write lock makes us wait, not fail.
  const db = new Database(path, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  const select = db.prepare<[string, string, number], { value: string }>(
    `SELECT value FROM state WHERE namespace = ? AND key = ? AND ${LIVE}`,
  );
  const upsert = db.prepare<[string, string, string, number | null]>(
    `INSERT INTO state (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
  );
  const removeRow = db.prepare<[string, string], { expires_at: number | null }>(
    'DELETE FROM state WHERE namespace = ? AND key = ? RETURNING expires_at',
  );
  const listKeys = db.prepare<[string, string, number], { key: string }>(
    `SELECT key FROM state WHERE namespace = ? AND key >= ? AND ${LIVE} ORDER BY key`,
  );
  const claim = db.prepare<[string, string, string, number, number]>(
    `INSERT INTO state (namespace, key, value, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
     WHERE state.expires_at IS NOT NULL AND state.expires_at <= ?`,
  );
  const purge = db.prepare<[number]>('DELETE FROM state WHERE expires_at IS NOT NULL AND expires_at <= ?');
  const clear = db.prepare<[string]>('DELETE FROM state WHERE namespace = ?');
  purge.run(Date.now());

  return {
    get: (namespace, key, nowMs) => select.get(namespace, key, nowMs)?.value,
    put: (namespace, key, value, expiresAtMs) => {
      upsert.run(namespace, key, value, expiresAtMs);
    },
    remove: (namespace, key, nowMs) => {
      const row = removeRow.get(namespace, key);
      return row !== undefined && (row.expires_at === null || row.expires_at > nowMs);
    },
    keys: (namespace, prefix, nowMs) => {
      purge.run(nowMs);
      const keys: string[] = [];
      for (const { key } of listKeys.iterate(namespace, prefix, nowMs)) {
        if (!key.startsWith(prefix)) break;
        keys.push(key);
      }
      return keys;
    },
    claim: (namespace, key, value, expiresAtMs, nowMs) =>
      claim.run(namespace, key, value, expiresAtMs, nowMs).changes === 1,
    clear: (namespace) => {
      clear.run(namespace);
    },
    close: () => db.close(),
  };
}
