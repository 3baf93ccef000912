import type { App } from '@slack/bolt';
import { answerInThread } from './answer-in-thread.ts';
import { claimEvent } from './dedupe-event.ts';
import { parseMention } from './parse-mention.ts';
import type { SlackRuntime } from './runtime.ts';

/**
 * Channel messages matter only inside a known run thread, and only when they are one of the
 * thread keywords ("status", "why", "rerun"): people talk in incident threads, and the bot must
 * not answer every line. Bot messages, edits and our own posts are ignored.
 */
export function registerMessageHandler(app: App, runtime: SlackRuntime): void {
  app.event('message', async ({ event, body, context }) => {
    runtime.metrics.increment('slack_events_total', { type: 'message' });
    if (event.subtype !== undefined || ('bot_id' in event && event.bot_id !== undefined)) return;
    if (!('thread_ts' in event) || event.thread_ts === undefined || event.user === undefined) return;
    const text = event.text ?? '';
    // A message that mentions the bot also arrives as app_mention, which answers it.
    if (context.botUserId !== undefined && text.includes(`<@${context.botUserId}>`)) return;
    const mention = parseMention(text, context.botUserId);
    if (mention.keyword === undefined || mention.text.split(' ').length > 2) return;
    const thread = await runtime.threads.find(event.channel, event.thread_ts);
    if (!thread) return;
    if (!(await claimEvent(runtime.deps.store, body.event_id))) {
      runtime.metrics.increment('slack_events_duplicate_total', { type: 'message' });
      return;
    }
    await answerInThread(runtime, thread, mention.keyword, event.user);
  });
}
