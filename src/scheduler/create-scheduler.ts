import { type ScheduledTask, schedule } from 'node-cron';
import { errorMessage, RunbookError } from '../errors/index.ts';
import { type LastSweep, lastSweepKey, runSweep } from './run-sweep.ts';
import type { Scheduler, SchedulerDeps, SweepInfo, SweepRunResult, SweepSpec } from './types.ts';

function cronLogger(deps: SchedulerDeps, sweep: string) {
  return {
    info: (message: string) => deps.logger.info({ sweep }, message),
    warn: (message: string) => deps.logger.warn({ sweep }, message),
    error: (message: string | Error) =>
      deps.logger.error({ sweep, error: errorMessage(message) }, 'sweep failed'),
    debug: () => {},
  };
}

/** Sweeps on node-cron. Cron expressions were validated when the config and runbooks were loaded. */
export function createScheduler(deps: SchedulerDeps): Scheduler {
  const tasks = new Map<string, ScheduledTask>();
  const running = new Set<Promise<unknown>>();
  const byName = new Map(deps.sweeps.map((sweep) => [sweep.name, sweep]));

  const track = (work: Promise<SweepRunResult>): Promise<SweepRunResult> => {
    running.add(work);
    work.then(
      () => running.delete(work),
      () => running.delete(work),
    );
    return work;
  };

  const scheduled = (spec: SweepSpec) => async (context: { date: Date }) => {
    const result = await track(runSweep(deps, spec, { slot: context.date, actor: 'schedule' })).catch(
      (error: unknown) => {
        deps.count?.(spec.name, 'failed');
        deps.logger.error({ sweep: spec.name, error: errorMessage(error) }, 'sweep failed');
        return undefined;
      },
    );
    if (result?.status === 'skipped')
      deps.logger.info({ sweep: spec.name, reason: result.reason }, 'sweep skipped');
  };

  return {
    start() {
      for (const spec of deps.sweeps) {
        if (tasks.has(spec.name)) continue;
        const task = schedule(spec.cron, scheduled(spec), {
          name: `sweep:${spec.name}`,
          noOverlap: true,
          ...(spec.timezone ? { timezone: spec.timezone } : {}),
          logger: cronLogger(deps, spec.name),
        });
        tasks.set(spec.name, task);
      }
      if (deps.sweeps.length > 0) deps.logger.info({ sweeps: [...byName.keys()] }, 'sweeps scheduled');
    },
    async list() {
      const infos: SweepInfo[] = [];
      for (const spec of deps.sweeps) {
        const last = await deps.store.get<LastSweep>(lastSweepKey(spec.name));
        const next = tasks.get(spec.name)?.getNextRun();
        infos.push({
          name: spec.name,
          cron: spec.cron,
          ...(spec.timezone ? { timezone: spec.timezone } : {}),
          runbooks: spec.runbooks,
          checks: spec.checks.map((check) => check.id),
          handoff: spec.handoff !== undefined,
          ...(spec.channel ? { channel: spec.channel } : {}),
          mode: spec.mode,
          from: spec.from,
          ...(last ? { lastRun: { at: last.at, overall: last.overall } } : {}),
          ...(next ? { nextRun: next.toISOString() } : {}),
        });
      }
      return infos;
    },
    runNow(name, actor) {
      const spec = byName.get(name);
      if (!spec) {
        const known = [...byName.keys()];
        return Promise.reject(
          new RunbookError(
            'sweep.not_found',
            `no sweep "${name}"; ${known.length > 0 ? `known: ${known.join(', ')}` : 'none is configured (RUNBOOK_CONFIG sweeps, or a runbook schedule trigger)'}`,
          ),
        );
      }
      return track(runSweep(deps, spec, { actor }));
    },
    async stop() {
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
      await Promise.allSettled([...running]);
    },
  };
}
