export { createStateStore, type StateStoreOptions } from './create-state-store.ts';
export { createMemoryStateStore } from './memory-store.ts';
export { probeStore } from './probe-store.ts';
export { createRedisStateStore } from './redis-store.ts';
export { createSqliteStateStore } from './sqlite-store.ts';
export type { StateStore } from './types.ts';
