import type { RunKind } from '../engine/events.ts';
import type { StateStore } from '../state/types.ts';

/** An investigation or run thread: enough to answer "status", "why" and "rerun" in it, even after a restart. */
export interface ThreadRecord {
  runId: string;
  kind: RunKind;
  /** Service / alert / incident for an investigation; runbook id for a runbook run. */
  target: string;
  params: Record<string, string>;
  text?: string;
  channel: string;
  threadTs: string;
}

const THREAD_TTL_MS = 14 * 24 * 3_600_000;

const threadKey = (channel: string, threadTs: string) => `slack-thread:${channel}:${threadTs}`;

export interface ThreadRegistry {
  register(record: ThreadRecord): Promise<void>;
  find(channel: string, threadTs: string): Promise<ThreadRecord | undefined>;
}

export function createThreadRegistry(store: StateStore): ThreadRegistry {
  return {
    register: (record) => store.set(threadKey(record.channel, record.threadTs), record, THREAD_TTL_MS),
    find: (channel, threadTs) => store.get<ThreadRecord>(threadKey(channel, threadTs)),
  };
}
