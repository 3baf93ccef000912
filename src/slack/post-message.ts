import type { webApi } from '@slack/bolt';
import { redactMessage } from './redact-message.ts';
import type { SlackMessage } from './render-text.ts';
import type { SlackRuntime } from './runtime.ts';

export interface PostTarget {
  channel: string;
  threadTs?: string;
}

/** A reply whose thread is known only when its turn comes (the parent is queued just before it). */
export interface ReplyTarget {
  channel: string;
  thread: () => Promise<string | undefined>;
}

/**
 * Queues a message in its channel's lane; every string passes through `redact` first. A reply
 * whose thread never came to be (the parent could not be posted) is skipped rather than posted
 * loose in the channel: resolves undefined, as does a builder that decides at its turn to send nothing.
 */
export function postMessage(
  runtime: SlackRuntime,
  target: PostTarget | ReplyTarget,
  message: SlackMessage | (() => Promise<SlackMessage | undefined>),
): Promise<webApi.ChatPostMessageResponse | undefined> {
  return runtime.queue.enqueue(target.channel, 'chat.postMessage', async () => {
    const threadTs = 'thread' in target ? await target.thread() : target.threadTs;
    if ('thread' in target && threadTs === undefined) return undefined;
    const built = typeof message === 'function' ? await message() : message;
    if (built === undefined) return undefined;
    const safe = redactMessage(built, runtime.redact);
    return runtime.client.chat.postMessage({
      channel: target.channel,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      text: safe.text,
      blocks: safe.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  });
}

/** Coalesced in-place update: only the latest `build` for this message is sent. */
export function updateMessage(
  runtime: SlackRuntime,
  channel: string,
  ts: string,
  build: () => SlackMessage | Promise<SlackMessage>,
): void {
  runtime.queue.enqueueUpdate(channel, `${channel}:${ts}`, async () => {
    const safe = redactMessage(await build(), runtime.redact);
    return runtime.client.chat.update({ channel, ts, text: safe.text, blocks: safe.blocks });
  });
}

/**
 * Ephemeral messages get their own lane per user, so an answer to a person never waits behind a
 * busy channel's evidence; 429s are still waited out.
 */
export function postEphemeral(
  runtime: SlackRuntime,
  target: PostTarget & { user: string },
  message: SlackMessage,
): Promise<unknown> {
  const safe = redactMessage(message, runtime.redact);
  return runtime.queue.enqueue(`ephemeral:${target.channel}:${target.user}`, 'chat.postEphemeral', () =>
    runtime.client.chat.postEphemeral({
      channel: target.channel,
      user: target.user,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      text: safe.text,
      blocks: safe.blocks,
    }),
  );
}
