import { createRedisStateStore } from './redis-store.ts';
import { createSqliteStateStore } from './sqlite-store.ts';
import type { StateStore } from './types.ts';

export interface StateStoreOptions {
  /** Where the embedded store lives (`RUNBOOK_DATA_DIR`): `<dataDir>/state.sqlite`. */
  dataDir: string;
  /** When set (`REDIS_URL`), all state lives in Redis so several replicas share it. */
  redisUrl?: string;
  /** Key namespace, default `runbook`. */
  namespace?: string;
}

/** Redis when a URL is given, otherwise the durable embedded SQLite store. */
export async function createStateStore(options: StateStoreOptions): Promise<StateStore> {
  const namespace = options.namespace ?? 'runbook';
  if (options.redisUrl) return createRedisStateStore({ url: options.redisUrl, namespace });
  return createSqliteStateStore({ dataDir: options.dataDir, namespace });
}
