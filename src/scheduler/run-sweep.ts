import { errorMessage } from '../errors/index.ts';
import { runHandoffSweep } from './run-handoff-sweep.ts';
import { runInlineChecks, sweepBoundMs } from './run-inline-checks.ts';
import { runSweepChecks } from './run-sweep-checks.ts';
import { fingerprint, worstColor } from './sweep-health.ts';
import type { SchedulerDeps, SweepColor, SweepRunResult, SweepSpec } from './types.ts';

/** What the next sweep compares with, in the shared store (any replica may run the next one). */
export interface LastSweep {
  at: string;
  overall: SweepColor;
  fingerprint: string;
}

const LAST_SWEEP_TTL_MS = 30 * 24 * 3_600_000;
const LEASE_TTL_MS = 6 * 3_600_000;

export const lastSweepKey = (name: string) => `sweep-last:${name}`;

/**
 * One sweep, at most once per scheduled slot across replicas (a set-if-absent lease on
 * `sweep:<name>:<slot>`) and never overlapping itself (a lock held while it runs). `slot` is the
 * scheduled time; a manual run has none.
 */
export async function runSweep(
  deps: SchedulerDeps,
  spec: SweepSpec,
  trigger: { slot?: Date; actor: string },
): Promise<SweepRunResult> {
  const slot = trigger.slot?.toISOString().slice(0, 19);
  if (slot) {
    if (!(await deps.store.claim(`sweep:${spec.name}:${slot}`, LEASE_TTL_MS))) {
      deps.count?.(spec.name, 'skipped_lease');
      return { status: 'skipped', reason: 'lease' };
    }
  }
  const lock = `sweep-running:${spec.name}`;
  // Held for longer than the sweep can take (every runbook and check is bounded), so a replica that dies mid-sweep frees it.
  if (!(await deps.store.claim(lock, sweepBoundMs(spec) + 60_000))) {
    deps.count?.(spec.name, 'skipped_overlap');
    deps.logger.warn({ sweep: spec.name }, 'sweep still running: this run is skipped');
    return { status: 'skipped', reason: 'overlap' };
  }
  try {
    if (spec.handoff)
      return await runHandoffSweep(deps, spec, spec.handoff.sinceMs, { slot, actor: trigger.actor });
    const startedAt = deps.now().toISOString();
    const [fromRunbooks, inline] = await Promise.all([
      runSweepChecks(deps.runs, spec, `sweep:${spec.name}`, deps.logger),
      runInlineChecks(deps.providers ?? {}, spec, deps.now),
    ]);
    const checks = [...fromRunbooks, ...inline];
    const overall = worstColor(checks.map((check) => check.color));
    const previous = await deps.store.get<LastSweep>(lastSweepKey(spec.name));
    const current: LastSweep = { at: deps.now().toISOString(), overall, fingerprint: fingerprint(checks) };
    const changed = previous === undefined || previous.fingerprint !== current.fingerprint;
    await deps.store.set(lastSweepKey(spec.name), current, LAST_SWEEP_TTL_MS);
    const report = {
      sweep: spec.name,
      startedAt,
      finishedAt: current.at,
      trigger: trigger.slot ? 'schedule' : trigger.actor,
      checks,
      overall,
      changed,
    };
    // on_change: a first sweep that finds everything green says nothing (no spam when all is well).
    const worthPosting =
      spec.mode === 'always' || !trigger.slot || (previous === undefined ? overall !== 'green' : changed);
    const channel = spec.channel ?? deps.defaultChannel;
    let posted = false;
    if (worthPosting && channel && deps.display) {
      await deps.display
        .postSummary(channel, report)
        .then(() => {
          posted = true;
        })
        .catch((error: unknown) =>
          deps.logger.error(
            { sweep: spec.name, channel, error: errorMessage(error) },
            'sweep summary not posted',
          ),
        );
    } else if (worthPosting) {
      deps.logger.info(
        { sweep: spec.name, overall, checks: checks.map((c) => `${c.runbookId}=${c.color}`) },
        'sweep finished',
      );
    }
    await deps.audit.append({
      actor: report.trigger === 'schedule' ? `sweep:${spec.name}` : trigger.actor,
      type: 'sweep.finished',
      data: {
        sweep: spec.name,
        slot: slot ?? null,
        overall,
        changed,
        posted,
        channel: channel ?? null,
        checks: checks.map((check) => ({
          [check.kind]: check.runbookId,
          health: check.health,
          runId: check.runId ?? null,
        })),
      },
    });
    deps.count?.(spec.name, 'ran');
    return { status: 'ran', report, posted };
  } finally {
    await deps.store.delete(lock);
  }
}
