/**
 * Shared state: runs, pending approvals, dedupe keys, leases. The embedded default survives a
 * restart on one machine; Redis serves several replicas. Values must be JSON-serialisable.
 */
export interface StateStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Keys starting with `prefix`, for listings (runs, approvals). */
  keys(prefix: string): Promise<string[]>;
  /**
   * Set-if-absent. Exactly one caller gets true for a key until it expires, across processes and
   * replicas: this is what makes an approval execute once and a Slack retry start nothing.
   */
  claim(key: string, ttlMs: number, owner?: string): Promise<boolean>;
  close(): Promise<void>;
}
