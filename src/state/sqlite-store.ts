import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Keyv } from 'keyv';
import { keyvStateStore } from './keyv-state-store.ts';
import { SqliteKeyvAdapter } from './sqlite-keyv-adapter.ts';
import { openStateTable } from './sqlite-table.ts';
import type { StateStore } from './types.ts';

/**
 * The embedded default: keyv over `<dataDir>/state.sqlite` (WAL). Survives restarts, and claims are
 * atomic across processes that open the same file on one machine. Not for replicas on separate
 * machines: use Redis there.
 */
export function createSqliteStateStore(options: { dataDir: string; namespace?: string }): StateStore {
  mkdirSync(options.dataDir, { recursive: true });
  const path = join(options.dataDir, 'state.sqlite');
  const namespace = options.namespace ?? 'runbook';
  const table = openStateTable(path);
  const adapter = new SqliteKeyvAdapter(table, namespace, `sqlite://${path}`);
  const keyv = new Keyv({ store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true });
  return keyvStateStore(
    keyv,
    {
      keys: async (prefix) => table.keys(namespace, prefix, Date.now()),
      claim: async (key, serialised, ttlMs) => {
        const nowMs = Date.now();
        return table.claim(namespace, key, serialised, nowMs + ttlMs, nowMs);
      },
    },
    path,
  );
}
