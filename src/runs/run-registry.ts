import type { AuditLog } from '../audit/types.ts';
import type { ProgressSink } from '../engine/events.ts';
import { RunbookError } from '../errors/index.ts';
import type { StateStore } from '../state/types.ts';
import { LiveRun } from './live-run.ts';
import { recordAuditSink } from './record-audit-sink.ts';
import { loadRun } from './run-records.ts';
import type { RunRecord } from './types.ts';

interface Entry {
  run: LiveRun;
  /** Settles when the run's own execution ends; undefined for a finished run taken up again. */
  done: Promise<RunRecord> | undefined;
  users: number;
}

/**
 * The runs this process holds in memory: executing ones, and finished ones taken up again for an
 * approval decision. Sharing one LiveRun per id keeps concurrent decisions from overwriting each
 * other's events in the stored record.
 */
export function createRunRegistry(deps: {
  store: StateStore;
  audit: AuditLog;
  onError: (error: unknown) => void;
}) {
  const entries = new Map<string, Entry>();
  const subscribers = new Map<string, Set<ProgressSink>>();
  const subscribersOf = (runId: string) => () => subscribers.get(runId) ?? [];

  async function release(runId: string): Promise<void> {
    const entry = entries.get(runId);
    if (!entry) return;
    entry.users -= 1;
    if (entry.users > 0) return;
    await entry.run.settle();
    if (entry.users === 0 && entries.get(runId) === entry) entries.delete(runId);
  }

  return {
    entries,
    release,
    subscribersOf,
    subscribe(runId: string, sink: ProgressSink): () => void {
      const set = subscribers.get(runId) ?? new Set<ProgressSink>();
      set.add(sink);
      subscribers.set(runId, set);
      return () => {
        set.delete(sink);
        if (set.size === 0 && subscribers.get(runId) === set) subscribers.delete(runId);
      };
    },
    /** Registers a run that starts executing now. */
    add(run: LiveRun, execute: (run: LiveRun) => Promise<RunRecord>): Promise<RunRecord> {
      const entry: Entry = { run, done: undefined, users: 1 };
      entries.set(run.record.id, entry);
      entry.done = execute(run).finally(() => release(run.record.id));
      return entry.done;
    },
    /** The live run, or the stored record taken up again; RunbookError('run.not_found') when neither. */
    async acquire(runId: string): Promise<LiveRun> {
      const existing = entries.get(runId);
      if (existing) {
        existing.users += 1;
        return existing.run;
      }
      const record = await loadRun(deps.store, runId);
      const raced = entries.get(runId);
      if (raced) {
        raced.users += 1;
        return raced.run;
      }
      if (!record)
        throw new RunbookError('run.not_found', `no run "${runId}"; \`runbook runs\` lists recent runs`);
      const run = new LiveRun({
        record,
        store: deps.store,
        audit: deps.audit,
        sinks: [recordAuditSink(deps.audit, record, deps.onError)],
        subscribers: subscribersOf(runId),
        onError: deps.onError,
      });
      entries.set(runId, { run, done: undefined, users: 1 });
      return run;
    },
  };
}

export type RunRegistry = ReturnType<typeof createRunRegistry>;
