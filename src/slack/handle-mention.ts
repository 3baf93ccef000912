import type { App } from '@slack/bolt';
import { errorMessage } from '../errors/index.ts';
import { answerInThread } from './answer-in-thread.ts';
import { claimEvent } from './dedupe-event.ts';
import { offerDraft } from './handle-authoring.ts';
import { parseMention } from './parse-mention.ts';
import { postEphemeral } from './post-message.ts';
import { renderHelp } from './render-replies.ts';
import { postFailureMessage, problemMessage } from './respond-problem.ts';
import type { SlackRuntime } from './runtime.ts';
import { startRunFromSlack } from './start-run.ts';

/**
 * "@runbook payment-service is slow" starts an investigation in a thread of that message; inside
 * an investigation thread, "status" / "why" / "rerun" are answered there.
 */
export function registerMentionHandler(app: App, runtime: SlackRuntime): void {
  app.event('app_mention', async ({ event, body, context }) => {
    runtime.metrics.increment('slack_events_total', { type: 'app_mention' });
    if (event.bot_id !== undefined || event.subtype !== undefined || event.user === undefined) return;
    if (!(await claimEvent(runtime.deps.store, body.event_id))) {
      runtime.metrics.increment('slack_events_duplicate_total', { type: 'app_mention' });
      return;
    }
    const user = event.user;
    const channel = event.channel;
    const threadTs = event.thread_ts ?? event.ts;
    const mention = parseMention(event.text, context.botUserId);
    try {
      if (event.thread_ts !== undefined) {
        const thread = await runtime.threads.find(channel, event.thread_ts);
        if (thread) {
          await answerInThread(runtime, thread, mention.keyword, user);
          return;
        }
      }
      if (await offerDraft(runtime, event.text, { channel, threadTs }, user)) return;
      if (mention.target === undefined || mention.keyword === 'help') {
        await postEphemeral(runtime, { channel, user, threadTs }, renderHelp());
        return;
      }
      const { sink } = await startRunFromSlack(runtime, {
        kind: 'investigation',
        target: mention.target,
        params: mention.params,
        text: mention.text,
        actor: user,
        channel,
        threadTs,
      });
      const parent = await sink.parent;
      if ('error' in parent)
        await postEphemeral(runtime, { channel, user, threadTs }, postFailureMessage(parent.error));
    } catch (error) {
      runtime.logger.warn({ channel, error: errorMessage(error) }, 'mention not handled');
      await postEphemeral(runtime, { channel, user, threadTs }, problemMessage(error)).catch(
        (postError: unknown) =>
          runtime.logger.error({ error: errorMessage(postError) }, 'could not explain a failed mention'),
      );
    }
  });
}
