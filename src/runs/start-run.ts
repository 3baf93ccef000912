import type { AuditLog } from '../audit/types.ts';
import type { ProgressSink, RunbookRef, RunStatus } from '../engine/events.ts';
import { errorMessage, RunbookError } from '../errors/index.ts';
import type { StateStore } from '../state/types.ts';
import { LiveRun } from './live-run.ts';
import { recordAuditSink } from './record-audit-sink.ts';
import type { RunRegistry } from './run-registry.ts';
import type { RunHandle, RunRecord } from './types.ts';

export interface RunStarterDeps {
  store: StateStore;
  audit: AuditLog;
  now: () => Date;
  newId: () => string;
  registry: RunRegistry;
  /** The audit log's progress sink, shared by every run. */
  auditSink: ProgressSink;
  onError: (error: unknown) => void;
}

/** Opens a run (record, fan-out, `run.started`) and executes its body up to `run.finished`. */
export function createRunStarter(deps: RunStarterDeps) {
  const { registry, auditSink: audit, onError } = deps;
  function open(
    base: Pick<RunRecord, 'kind' | 'target' | 'params' | 'actor' | 'origin'> & {
      runbook?: RunbookRef;
      warnings?: string[];
    },
    sink: ProgressSink | undefined,
  ): LiveRun {
    const id = deps.newId();
    const record: RunRecord = {
      id,
      ...base,
      status: 'running',
      startedAt: deps.now().toISOString(),
      events: [],
      approvalIds: [],
    };
    const run = new LiveRun({
      record,
      store: deps.store,
      audit: deps.audit,
      sinks: sink ? [sink, audit] : [audit],
      subscribers: registry.subscribersOf(id),
      onError,
    });
    run.callerSink = sink;
    run.emit({
      type: 'run.started',
      runId: id,
      at: record.startedAt,
      kind: record.kind,
      target: record.target,
      ...(record.runbook ? { runbook: record.runbook } : {}),
      params: record.params,
      actor: record.actor,
      ...(base.warnings && base.warnings.length > 0 ? { warnings: base.warnings } : {}),
    });
    return run;
  }

  /** A run taken up again from its stored record (resuming a paused run after a restart). */
  function reopen(record: RunRecord, sink: ProgressSink | undefined): LiveRun {
    return new LiveRun({
      record,
      store: deps.store,
      audit: deps.audit,
      sinks: [...(sink ? [sink] : []), recordAuditSink(deps.audit, record, onError)],
      subscribers: registry.subscribersOf(record.id),
      onError,
    });
  }

  /** Runs `body`, then `run.finished` with the status it ended in; never rejects. */
  function execute(run: LiveRun, body: () => Promise<string>): RunHandle {
    const done = registry.add(run, async () => {
      let status: RunStatus;
      let summary: string;
      try {
        summary = await body();
        status = run.signal.aborted ? 'cancelled' : 'completed';
      } catch (error) {
        status = run.signal.aborted ? 'cancelled' : 'failed';
        summary = errorMessage(error);
        const code = error instanceof RunbookError ? error.code : 'run.failed';
        run.emit({
          type: 'error',
          runId: run.record.id,
          at: deps.now().toISOString(),
          code,
          message: summary,
        });
      }
      if (run.suspended) {
        // The process is stopping while the run is paused: it stays paused in the store.
        run.setStatus('paused');
        await run.settle();
        return structuredClone(run.record);
      }
      const finishedAt = deps.now();
      run.setStatus(status);
      run.record.finishedAt = finishedAt.toISOString();
      const durationMs = finishedAt.getTime() - Date.parse(run.record.startedAt);
      run.emit({
        type: 'run.finished',
        runId: run.record.id,
        at: run.record.finishedAt,
        status,
        summary,
        durationMs,
      });
      await run.settle();
      return structuredClone(run.record);
    });
    return { runId: run.record.id, done };
  }

  return { open, reopen, execute };
}
