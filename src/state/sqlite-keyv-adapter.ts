import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type { StateTable } from './sqlite-table.ts';

/**
 * A keyv 5 storage adapter over our SQLite table. Keyv hands it serialised strings; the adapter
 * keeps the expiry in its own column so listings and claims can skip expired rows in SQL.
 */
export class SqliteKeyvAdapter extends EventEmitter implements KeyvStoreAdapter {
  readonly opts: { dialect: 'runbook-sqlite'; url: string };
  /** Set by keyv; we prefix with our own namespace instead (keyv runs with `useKeyPrefix: false`). */
  namespace?: string | undefined;
  readonly #table: StateTable;
  readonly #space: string;

  constructor(table: StateTable, space: string, url: string) {
    super();
    this.#table = table;
    this.#space = space;
    this.opts = { dialect: 'runbook-sqlite', url };
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.#table.get(this.#space, key, Date.now()) as StoredData<Value> | undefined;
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    const expiresAt = typeof ttl === 'number' && ttl > 0 ? Date.now() + ttl : null;
    this.#table.put(this.#space, key, String(value), expiresAt);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.#table.remove(this.#space, key, Date.now());
  }

  async has(key: string): Promise<boolean> {
    return this.#table.get(this.#space, key, Date.now()) !== undefined;
  }

  async clear(): Promise<void> {
    this.#table.clear(this.#space);
  }

  async disconnect(): Promise<void> {
    this.#table.close();
  }
}
