import { parseDurationMs } from '../runbooks/schema.ts';
import { buildHandoff } from './build-handoff.ts';
import { postMessage } from './post-message.ts';
import { renderHandoff } from './render-handoff.ts';
import { renderProblem } from './render-replies.ts';
import { type SlackMessage, section } from './render-text.ts';
import type { SlackRuntime } from './runtime.ts';

/** A shift: what the handoff covers when no `since` is given. */
export const DEFAULT_HANDOFF_WINDOW_MS = 12 * 3_600_000;

/** `12h`, `90m`, `2d` back from now, or an ISO 8601 time; undefined when neither. */
export function parseSince(text: string | undefined, now: Date): Date | undefined {
  if (text === undefined) return new Date(now.getTime() - DEFAULT_HANDOFF_WINDOW_MS);
  const durationMs = parseDurationMs(text);
  if (durationMs !== undefined) return new Date(now.getTime() - durationMs);
  const at = Date.parse(text);
  return /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(at) && at <= now.getTime()
    ? new Date(at)
    : undefined;
}

/** Builds and posts the handoff in `channel` (for the command and for a scheduled sweep). */
export async function postHandoff(runtime: SlackRuntime, channel: string, since: Date): Promise<void> {
  const now = runtime.now();
  const [runs, pending] = await Promise.all([
    runtime.deps.runs.list(),
    runtime.deps.approvals?.listPending?.() ?? Promise.resolve([]),
  ]);
  await postMessage(runtime, { channel }, renderHandoff(buildHandoff({ runs, pending, since, now })));
}

/** `/runbook handoff [since]`: posts the summary in the channel for everyone, answers the caller. */
export async function answerHandoff(
  runtime: SlackRuntime,
  command: { since?: string },
  who: { user: string; channel: string },
): Promise<SlackMessage> {
  const since = parseSince(command.since, runtime.now());
  if (!since) {
    return renderProblem(
      `"${command.since}" is not a time: give how far back (12h, 90m, 2d) or an ISO time`,
      '/runbook handoff [since]',
    );
  }
  await postHandoff(runtime, who.channel, since);
  await runtime.deps.audit.append({
    type: 'handoff.posted',
    actor: who.user,
    data: { channel: who.channel, since: since.toISOString() },
  });
  return {
    text: 'Handoff posted in this channel.',
    blocks: [section(':baton_passing_relay: Handoff posted in this channel.')],
  };
}
