import { setTimeout as sleep } from 'node:timers/promises';
import { RunbookError } from '../errors/index.ts';
import type { StateStore } from '../state/types.ts';
import { loadRun } from './run-records.ts';
import type { RunRecord } from './types.ts';

export type ControlAction = 'pause' | 'resume' | 'abort';

/** A pause, resume or abort asked of a run that another process executes. */
export interface ControlRequest {
  action: ControlAction;
  actor: string;
  at: string;
}

const controlKey = (runId: string) => `run-control:${runId}`;
const ownerKey = (runId: string) => `run-owner:${runId}`;
/** The owner reads its control key once a second: one store read per second per live run. */
const POLL_MS = 1000;
/** A crashed owner's lease runs out after this; then an abort marks the run cancelled directly. */
const OWNER_TTL_MS = 15_000;
const OWNER_REFRESH_TICKS = 5;
const CONTROL_TTL_MS = 10 * 60_000;
const DEFAULT_WAIT_MS = 5000;
const WAIT_POLL_MS = 100;

const wanted: Record<ControlAction, (record: RunRecord) => boolean> = {
  pause: (record) => record.status === 'paused',
  resume: (record) => record.status === 'running',
  abort: (record) => record.status !== 'running' && record.status !== 'paused',
};
const allowedFrom: Record<ControlAction, readonly string[]> = {
  pause: ['running'],
  resume: ['paused'],
  abort: ['running', 'paused'],
};

/**
 * Pause, resume and abort across processes sharing one StateStore: the process executing a run
 * holds a lease on it and polls a control key; any other process writes the request there.
 */
export function createRunControl(deps: {
  store: StateStore;
  now: () => Date;
  onError: (error: unknown) => void;
  /** Applies a request in the owning process exactly as a local call would. */
  apply: (runId: string, request: ControlRequest) => Promise<unknown>;
  /** How long `forward` waits for the owner to apply a request (default 5 s). */
  waitMs?: number;
}) {
  const { store, onError } = deps;
  const lease = (runId: string) =>
    store.set(ownerKey(runId), { at: deps.now().toISOString() }, OWNER_TTL_MS).catch(onError);

  async function poll(runId: string): Promise<void> {
    const request = await store.get<ControlRequest>(controlKey(runId));
    // Deleting first makes a request apply once, even if two processes ever watched one run.
    if (!request || !(await store.delete(controlKey(runId)))) return;
    await deps.apply(runId, request);
  }

  return {
    /**
     * Called by the process that starts executing a run; the returned function ends the watch. The
     * lease outlives a finished run by its TTL unless released: until the record shows the final
     * status, no other process may take the run for orphaned and end it a second time.
     */
    watch(runId: string): (release: boolean) => Promise<void> {
      // A request left for an owner that died before applying it must not hit the run taken up again.
      void store
        .delete(controlKey(runId))
        .catch(onError)
        .then(() => lease(runId));
      let ticks = 0;
      let polling = false;
      const timer = setInterval(() => {
        if (polling) return;
        polling = true;
        ticks += 1;
        if (ticks % OWNER_REFRESH_TICKS === 0) void lease(runId);
        poll(runId)
          .catch(onError)
          .finally(() => {
            polling = false;
          });
      }, POLL_MS);
      timer.unref();
      return async (release) => {
        clearInterval(timer);
        if (release) await store.delete(ownerKey(runId)).catch(onError);
      };
    },

    /**
     * Queues the request for the process that executes the run and waits a little for it to apply.
     * Returns undefined when no process holds the run; else the newest record, which still shows the
     * old status when the owner has not applied the request yet (it does at its next poll).
     */
    async forward(runId: string, action: ControlAction, actor: string): Promise<RunRecord | undefined> {
      if (!(await isRunOwned(store, runId))) return undefined;
      const record = await loadRun(store, runId);
      if (!record)
        throw new RunbookError('run.not_found', `no run "${runId}"; \`runbook runs\` lists recent runs`);
      if (!allowedFrom[action].includes(record.status)) {
        throw new RunbookError(
          'run.invalid_state',
          `run "${runId}" is ${record.status}; only a ${allowedFrom[action].join(' or ')} run can ${action}`,
        );
      }
      const request: ControlRequest = { action, actor, at: deps.now().toISOString() };
      await store.set(controlKey(runId), request, CONTROL_TTL_MS);
      const deadline = Date.now() + (deps.waitMs ?? DEFAULT_WAIT_MS);
      let latest = record;
      while (Date.now() < deadline) {
        await sleep(WAIT_POLL_MS);
        latest = (await loadRun(store, runId)) ?? latest;
        if (wanted[action](latest)) return latest;
      }
      return latest;
    },
  };
}

export type RunControl = ReturnType<typeof createRunControl>;

/** Whether a record shows the state a control action asks for. */
export const reachedState = (action: ControlAction, record: RunRecord) => wanted[action](record);

/** Whether some process executes the run now (holds a live lease on it). */
export async function isRunOwned(store: StateStore, runId: string): Promise<boolean> {
  return (await store.get(ownerKey(runId))) !== undefined;
}
