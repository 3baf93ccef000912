import { errorMessage } from '../../errors/index.ts';
import { assertGranted, hashPlan } from '../plan-hash.ts';
import type { Action, PlanOptions } from '../types.ts';
import type { Notifier } from './notifier.ts';

/** The message as posted: the runbook's text, then which run it came from. */
export function messageText(message: string, options: PlanOptions | undefined): string {
  const run = options?.run;
  if (!run?.id && !run?.runbookId) return message;
  const origin = [
    run.runbookId ? `runbook ${run.runbookId}` : undefined,
    run.id ? `run ${run.id}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `${message}\n_(from ${origin})_`;
}

/** Posts a message to a channel (the spec's, else the escalation channel, else the default). */
export function createNotifyAction(
  notifier: Notifier | undefined,
  defaultChannel: string | undefined,
): Action<'notify'> {
  return {
    type: 'notify',
    async plan(spec, risk, options) {
      const channel = spec.channel ?? options?.channel ?? defaultChannel;
      const text = messageText(spec.message, options);
      const resolved = { ...spec, ...(channel === undefined ? {} : { channel }), message: text };
      const plan = {
        type: 'notify' as const,
        target: `slack: ${channel ?? 'default channel'}`,
        description: `Post a message to ${channel ?? 'the default channel'}.`,
        risk,
        mutates: false,
        dryRun: `post to ${channel ?? 'the default channel'}:\n${text}`,
        spec: resolved,
        rollback: { description: options?.rollback ?? 'none: a posted message cannot be unsent' },
      };
      return { ...plan, hash: hashPlan(plan) };
    },
    async execute(planned, grant) {
      assertGranted(planned, grant, 'notify');
      const spec = planned.spec as Extract<typeof planned.spec, { type: 'notify' }>;
      const startedAt = performance.now();
      const durationMs = () => Math.round(performance.now() - startedAt);
      if (!notifier) {
        return { status: 'failed', summary: 'no notifier is configured: set SLACK_BOT_TOKEN', durationMs: 0 };
      }
      try {
        await notifier.post(spec.channel, spec.message);
        return {
          status: 'succeeded',
          summary: `posted to ${spec.channel ?? 'the default channel'}`,
          durationMs: durationMs(),
        };
      } catch (error) {
        return {
          status: 'failed',
          summary: `posting to ${spec.channel ?? 'the default channel'} failed: ${errorMessage(error)}`,
          durationMs: durationMs(),
        };
      }
    },
  };
}
