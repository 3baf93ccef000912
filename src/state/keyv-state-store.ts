import type { Keyv } from 'keyv';
import { RunbookError } from '../errors/index.ts';
import type { StateStore } from './types.ts';

/** What keyv has no API for: atomic set-if-absent and prefix listings, done with the backend's own primitives. */
export interface KeyvBackend {
  keys(prefix: string): Promise<string[]>;
  /** Stores `serialised` under `key` for `ttlMs` unless a live value is there; true when it did. */
  claim(key: string, serialised: string, ttlMs: number): Promise<boolean>;
}

/** get/set/delete through keyv; keys and claim through the backend. */
export function keyvStateStore(keyv: Keyv, backend: KeyvBackend, where: string): StateStore {
  let closing: Promise<void> | undefined;
  return {
    async get<T>(key: string) {
      return (await keyv.get<T>(key)) ?? undefined;
    },
    async set(key, value, ttlMs) {
      const stored = await keyv.set(key, value, ttlMs !== undefined && ttlMs > 0 ? ttlMs : undefined);
      if (!stored) throw new RunbookError('state.unavailable', `${where}: could not store "${key}"`);
    },
    delete: (key) => keyv.delete(key),
    keys: (prefix) => backend.keys(prefix),
    async claim(key, ttlMs, owner) {
      const lifetimeMs = Math.max(1, Math.round(ttlMs));
      // Written in keyv's own format, so `get(key)` returns the owner while the claim lasts.
      const serialised = await keyv.serializeData({ value: owner ?? true, expires: Date.now() + lifetimeMs });
      return backend.claim(key, String(serialised), lifetimeMs);
    },
    close() {
      closing ??= keyv.disconnect();
      return closing;
    },
  };
}
