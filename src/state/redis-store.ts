import KeyvRedis, { createKeyv, type RedisClientType } from '@keyv/redis';
import { errorMessage, RunbookError } from '../errors/index.ts';
import { keyvStateStore } from './keyv-state-store.ts';
import type { StateStore } from './types.ts';

const COMMAND_TIMEOUT_MS = 5000;

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

function safeUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

/** A Redis command that hangs (server gone, offline queue) fails after a bounded wait instead. */
async function withTimeout<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RunbookError(
            'state.unavailable',
            `${what}: Redis did not answer within ${COMMAND_TIMEOUT_MS} ms`,
          ),
        ),
      COMMAND_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Shared state for several replicas: keyv over `@keyv/redis` for values, and the same Redis client
 * for what keyv lacks: `SET key value NX PX ttl` (claim) and `SCAN MATCH` (keys). Single Redis
 * node or a managed primary; Redis Cluster is not supported by `keys`.
 */
export async function createRedisStateStore(options: {
  url: string;
  namespace?: string;
}): Promise<StateStore> {
  const namespace = options.namespace ?? 'runbook';
  const where = safeUrl(options.url);
  // Not keyv's `connectionTimeout`: its timer is never cleared and holds the process open.
  const keyv = createKeyv(
    { url: options.url, socket: { connectTimeout: COMMAND_TIMEOUT_MS } },
    { namespace, throwOnConnectError: true, throwOnErrors: true },
  );
  const adapter = keyv.store as KeyvRedis<unknown>;
  let client: RedisClientType;
  try {
    client = (await withTimeout(where, adapter.getClient())) as RedisClientType;
  } catch (error) {
    await adapter.disconnect(true);
    throw new RunbookError(
      'state.unavailable',
      `REDIS_URL ${where}: cannot connect (${errorMessage(error)}); check the URL and that Redis is reachable`,
      { cause: error },
    );
  }
  const fullKey = (key: string) => adapter.createKeyPrefix(key, namespace);
  const namespacePrefix = fullKey('');
  const store = keyvStateStore(
    keyv,
    {
      async keys(prefix) {
        const found: string[] = [];
        const scan = async () => {
          for await (const batch of client.scanIterator({
            MATCH: `${escapeGlob(fullKey(prefix))}*`,
            COUNT: 500,
          })) {
            for (const key of batch) found.push(String(key).slice(namespacePrefix.length));
          }
        };
        await withTimeout(where, scan());
        return [...new Set(found)].sort();
      },
      async claim(key, serialised, ttlMs) {
        const reply = await withTimeout(
          where,
          client.set(fullKey(key), serialised, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }),
        );
        return reply === 'OK';
      },
    },
    where,
  );
  return {
    get: (key) => withTimeout(where, store.get(key)),
    set: (key, value, ttlMs) => withTimeout(where, store.set(key, value, ttlMs)),
    delete: (key) => withTimeout(where, store.delete(key)),
    keys: store.keys,
    claim: store.claim,
    close: store.close,
  };
}
