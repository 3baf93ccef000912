import type { ProcedureState } from '../engine/index.ts';
import { RunbookError } from '../errors/index.ts';
import type { RunnableRunbook, RunServiceDeps } from './deps.ts';
import { executeProcedure } from './execute-procedure.ts';
import type { LiveRun } from './live-run.ts';
import type { ProcedureDeps } from './procedure-ports.ts';
import { procedureStates } from './procedure-state.ts';
import { loadRun } from './run-records.ts';
import type { RunRegistry } from './run-registry.ts';
import type { createRunStarter } from './start-run.ts';
import type { StepPrompts } from './step-prompts.ts';
import type { RunHandle, RunRecord, RunService } from './types.ts';

interface ProcedureRunsDeps {
  deps: RunServiceDeps;
  registry: RunRegistry;
  starter: ReturnType<typeof createRunStarter>;
  prompts: StepPrompts;
  /** The service itself, for runbook steps that start a child run. */
  service: () => RunService;
}

/** Procedure runs: executing steps, child runs, and taking a paused run up again after a restart. */
export function createProcedureRuns({ deps, registry, starter, prompts, service }: ProcedureRunsDeps) {
  const procedureDeps: ProcedureDeps = {
    ...deps,
    prompts,
    ...(deps.agent === undefined ? {} : { agent: deps.agent }),
    async runChild(runbookId, params, parent, signal) {
      const handle = await service().startRunbook(
        { runbookId, params, actor: parent.record.actor, origin: parent.record.origin },
        parent.callerSink,
      );
      const onAbort = () => {
        service()
          .abort(handle.runId, parent.record.actor)
          .catch(() => undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        const record = await handle.done;
        return { runId: record.id, status: record.status, summary: finishedSummary(record) };
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    },
  };

  function finishedSummary(record: RunRecord): string {
    const finished = record.events.findLast((event) => event.type === 'run.finished');
    return finished?.type === 'run.finished' ? finished.summary : record.status;
  }

  async function stored(
    runId: string,
  ): Promise<{ record: RunRecord; state: ProcedureState; runbook: RunnableRunbook }> {
    const record = await loadRun(deps.store, runId);
    if (!record) throw new RunbookError('run.not_found', `no run "${runId}"`);
    const state = await procedureStates(deps.store).load(runId);
    if (record.status !== 'paused' || !state || !record.runbook) {
      throw new RunbookError(
        'run.invalid_state',
        `run "${runId}" is ${record.status} and not executing in this process; only a paused procedure can be taken up again`,
      );
    }
    const runbook = deps.catalog.getVersion(record.runbook.id, record.runbook.hash);
    if (!runbook) {
      throw new RunbookError(
        'run.invalid_state',
        `run "${runId}" started on version ${record.runbook.version} (${record.runbook.hash}) of ${record.runbook.id}, which is no longer loaded; start a new run`,
      );
    }
    return { record, state, runbook };
  }

  return {
    execute: (run: LiveRun, runbook: RunnableRunbook, params: RunRecord['params'], state?: ProcedureState) =>
      executeProcedure(run, runbook, params, procedureDeps, state),

    /** A paused procedure this process does not hold (stored before a restart): resume it from its state. */
    async resumeStored(runId: string, actor: string): Promise<RunHandle> {
      const { record, state, runbook } = await stored(runId);
      if (registry.entries.has(runId))
        throw new RunbookError('run.invalid_state', `run "${runId}" is already executing`);
      const run = starter.reopen(record, undefined);
      run.resume(actor);
      return starter.execute(run, () => executeProcedure(run, runbook, record.params, procedureDeps, state));
    },

    /** A paused procedure stored before a restart: end it as cancelled. */
    async abortStored(runId: string, actor: string): Promise<RunRecord> {
      const { record } = await stored(runId);
      const run = starter.reopen(record, undefined);
      run.abort(actor);
      return starter.execute(run, async () => 'aborted while paused').done;
    },
  };
}
