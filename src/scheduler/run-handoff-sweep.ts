import { errorMessage } from '../errors/index.ts';
import type { SchedulerDeps, SweepRunResult, SweepSpec } from './types.ts';

/** A handoff sweep: posts the on-call handoff covering the last `sinceMs` (a shift) in its channel. */
export async function runHandoffSweep(
  deps: SchedulerDeps,
  spec: SweepSpec,
  sinceMs: number,
  trigger: { slot?: string | undefined; actor: string },
): Promise<SweepRunResult> {
  const since = new Date(deps.now().getTime() - sinceMs);
  const channel = spec.channel ?? deps.defaultChannel;
  let posted = false;
  if (channel && deps.display?.postHandoff) {
    await deps.display.postHandoff(channel, since).then(
      () => {
        posted = true;
      },
      (error: unknown) =>
        deps.logger.error({ sweep: spec.name, channel, error: errorMessage(error) }, 'handoff not posted'),
    );
  } else {
    deps.logger.warn(
      { sweep: spec.name, channel: channel ?? null },
      'handoff sweep has nowhere to post (no Slack, or no channel and no default channel)',
    );
  }
  await deps.audit.append({
    actor: trigger.slot ? `sweep:${spec.name}` : trigger.actor,
    type: 'handoff.posted',
    data: {
      sweep: spec.name,
      slot: trigger.slot ?? null,
      channel: channel ?? null,
      since: since.toISOString(),
      posted,
    },
  });
  deps.count?.(spec.name, posted ? 'ran' : 'failed');
  return {
    status: 'handoff',
    sweep: spec.name,
    since: since.toISOString(),
    ...(channel ? { channel } : {}),
    posted,
  };
}
