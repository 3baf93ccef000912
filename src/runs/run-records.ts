import type { ProgressEvent } from '../engine/events.ts';
import type { StateStore } from '../state/types.ts';
import type { RunFilter, RunRecord } from './types.ts';

const KEY_PREFIX = 'run:';
/** A run keeps at most this many events; check starts go first, then the oldest after `run.started`. */
export const MAX_RUN_EVENTS = 500;

export const runKey = (runId: string) => `${KEY_PREFIX}${runId}`;

export function appendBounded(events: ProgressEvent[], event: ProgressEvent, limit = MAX_RUN_EVENTS): void {
  events.push(event);
  while (events.length > limit) {
    const started = events.findIndex((candidate) => candidate.type === 'check.started');
    events.splice(started >= 0 ? started : 1, 1);
  }
}

export async function loadRun(store: StateStore, runId: string): Promise<RunRecord | undefined> {
  return store.get<RunRecord>(runKey(runId));
}

export async function listRuns(store: StateStore, filter: RunFilter = {}): Promise<RunRecord[]> {
  const keys = await store.keys(KEY_PREFIX);
  const records = await Promise.all(keys.map((key) => store.get<RunRecord>(key)));
  const matching = records.filter(
    (record): record is RunRecord =>
      record !== undefined &&
      (filter.status === undefined || record.status === filter.status) &&
      (filter.runbookId === undefined || record.runbook?.id === filter.runbookId) &&
      (filter.target === undefined || record.target === filter.target),
  );
  matching.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return filter.limit === undefined ? matching : matching.slice(0, filter.limit);
}

/**
 * Writes a run's record to the store after every change without piling up writes: while one write
 * is in flight, later changes coalesce into a single follow-up write of the newest record.
 */
export function createRecordWriter(store: StateStore, record: RunRecord, onError: (error: unknown) => void) {
  let writing: Promise<void> | undefined;
  let dirty = false;
  const writeLoop = async () => {
    while (dirty) {
      dirty = false;
      try {
        await store.set(runKey(record.id), structuredClone(record));
      } catch (error) {
        onError(error);
      }
    }
    writing = undefined;
  };
  return {
    /** Schedules a write of the record's current state. */
    touch(): void {
      dirty = true;
      writing ??= writeLoop();
    },
    /** Resolves when every change so far is stored. */
    async flush(): Promise<void> {
      while (writing) await writing;
    },
  };
}
