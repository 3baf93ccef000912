import type { SweepConfig } from '../config/index.ts';
import { parseDurationMs, type RunbookDefinition } from '../runbooks/index.ts';
import type { SweepSpec } from './types.ts';

const RUNBOOK_SWEEP_TIMEOUT_MS = 120_000;
/** A shift: what a handoff sweep covers without `since` (as `/runbook handoff`). */
const HANDOFF_WINDOW_MS = 12 * 3_600_000;

function stringParams(params: SweepConfig['params']): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, String(value)]));
}

/**
 * The config file's sweeps, then one per `schedule` trigger of a published runbook (named after
 * the runbook; `on_change`, so a healthy library posts nothing). A config sweep wins a name clash.
 */
export function collectSweeps(
  configured: readonly SweepConfig[],
  runbooks: ReadonlyArray<{ readonly definition: RunbookDefinition }>,
): SweepSpec[] {
  const sweeps: SweepSpec[] = configured.map((sweep) => ({
    name: sweep.name,
    cron: sweep.cron,
    ...(sweep.timezone ? { timezone: sweep.timezone } : {}),
    runbooks: [...sweep.runbooks],
    checks: [...sweep.checks],
    ...(sweep.handoff
      ? { handoff: { sinceMs: parseDurationMs(sweep.since ?? '') ?? HANDOFF_WINDOW_MS } }
      : {}),
    ...(sweep.channel ? { channel: sweep.channel } : {}),
    mode: sweep.mode,
    params: stringParams(sweep.params),
    timeoutMs: parseDurationMs(sweep.timeout) ?? RUNBOOK_SWEEP_TIMEOUT_MS,
    from: 'config',
  }));
  const names = new Set(sweeps.map((sweep) => sweep.name));
  for (const { definition } of runbooks) {
    if (definition.status !== 'published') continue;
    definition.triggers.forEach((trigger, index) => {
      if (trigger.type !== 'schedule') return;
      const name = index === 0 || !names.has(definition.id) ? definition.id : `${definition.id}-${index}`;
      if (names.has(name)) return;
      names.add(name);
      sweeps.push({
        name,
        cron: trigger.cron,
        ...(trigger.timezone ? { timezone: trigger.timezone } : {}),
        runbooks: [definition.id],
        checks: [],
        ...(trigger.channel ? { channel: trigger.channel } : {}),
        mode: 'on_change',
        params: {},
        timeoutMs: RUNBOOK_SWEEP_TIMEOUT_MS,
        from: 'runbook',
      });
    });
  }
  return sweeps;
}
