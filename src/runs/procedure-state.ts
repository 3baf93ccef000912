import type { ProcedureState } from '../engine/index.ts';
import type { StateStore } from '../state/types.ts';

const key = (runId: string) => `procedure:${runId}`;
/** A paused procedure may wait a long time for someone to resume it. */
const RETENTION_MS = 30 * 86_400_000;

/** Where a procedure run is (next step, results, actions taken), stored at every step boundary. */
export const procedureStates = (store: StateStore) => ({
  load: (runId: string) => store.get<ProcedureState>(key(runId)),
  save: (runId: string, state: ProcedureState) => store.set(key(runId), structuredClone(state), RETENTION_MS),
});
