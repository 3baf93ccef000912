import { errorMessage } from '../errors/index.ts';
import type { RunService } from '../runs/types.ts';
import { checkFromRecord } from './sweep-health.ts';
import type { SchedulerLogger, SweepCheck, SweepSpec } from './types.ts';

function timedOut(runbookId: string, timeoutMs: number, runId?: string): SweepCheck {
  return {
    kind: 'runbook',
    runbookId,
    name: runbookId,
    health: 'unknown',
    color: 'yellow',
    summary: `no answer within ${Math.round(timeoutMs / 1000)} s (stopped)`,
    ...(runId ? { runId } : {}),
    durationMs: timeoutMs,
    details: [],
  };
}

async function runOne(
  runs: RunService,
  spec: SweepSpec,
  runbookId: string,
  actor: string,
  logger: SchedulerLogger,
): Promise<SweepCheck> {
  const startedAtMs = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(resolve, spec.timeoutMs, 'timeout');
  });
  try {
    const handle = await runs.startRunbook({
      runbookId,
      params: spec.params,
      actor,
      origin: { source: 'sweep', ...(spec.channel ? { channel: spec.channel } : {}) },
    });
    const record = await Promise.race([handle.done, deadline]);
    if (record === 'timeout') {
      await runs
        .abort(handle.runId, actor)
        .catch((error: unknown) =>
          logger.warn({ runId: handle.runId, error: errorMessage(error) }, 'could not stop a slow sweep run'),
        );
      return timedOut(runbookId, spec.timeoutMs, handle.runId);
    }
    return checkFromRecord(record, record.runbook?.id ?? runbookId, performance.now() - startedAtMs);
  } catch (error) {
    return {
      kind: 'runbook',
      runbookId,
      name: runbookId,
      health: 'error',
      color: 'red',
      summary: errorMessage(error),
      durationMs: performance.now() - startedAtMs,
      details: [],
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Every runbook of the sweep at once, each with its own time limit: one slow check delays no other. */
export function runSweepChecks(
  runs: RunService,
  spec: SweepSpec,
  actor: string,
  logger: SchedulerLogger,
): Promise<SweepCheck[]> {
  return Promise.all(spec.runbooks.map((runbookId) => runOne(runs, spec, runbookId, actor, logger)));
}
