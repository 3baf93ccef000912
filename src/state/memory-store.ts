import type { StateStore } from './types.ts';

interface Entry {
  json: string;
  expiresAt: number | undefined;
}

/**
 * State in this process's memory, for tests of other parts and the demo. Single process only:
 * nothing survives a restart and `claim` is atomic only because JavaScript runs one callback at a
 * time. Never use it behind two replicas.
 */
export function createMemoryStateStore(options: { now?: () => number } = {}): StateStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const expiry = (ttlMs: number | undefined) =>
    ttlMs !== undefined && ttlMs > 0 ? now() + ttlMs : undefined;

  return {
    async get<T>(key: string) {
      const entry = live(key);
      return entry ? (JSON.parse(entry.json) as T) : undefined;
    },
    async set(key, value, ttlMs) {
      entries.set(key, { json: JSON.stringify(value ?? null), expiresAt: expiry(ttlMs) });
    },
    async delete(key) {
      return live(key) !== undefined && entries.delete(key);
    },
    async keys(prefix) {
      return [...entries.keys()].filter((key) => key.startsWith(prefix) && live(key) !== undefined).sort();
    },
    async claim(key, ttlMs, owner) {
      if (live(key) !== undefined) return false;
      entries.set(key, { json: JSON.stringify(owner ?? true), expiresAt: expiry(ttlMs) });
      return true;
    },
    async close() {
      entries.clear();
    },
  };
}
