import { errorMessage } from '../errors/index.ts';
import { postMessage, updateMessage } from './post-message.ts';
import { renderParentMessage } from './render-parent.ts';
import { context, escapeText, type SlackMessage, section } from './render-text.ts';
import { emptyRunView, reduceRunView } from './run-view.ts';
import type { SlackRuntime } from './runtime.ts';

/**
 * `text` is plain (it carries the alert's name: data, escaped here). The alert behind a run resolved: its parent message (rebuilt from the stored timeline, so any
 * replica can do it) gets a resolved line, and the thread says so.
 */
export async function markResolved(
  runtime: SlackRuntime,
  input: { runId: string; channel: string; ts: string; text: string },
): Promise<void> {
  const record = await runtime.deps.runs.get(input.runId);
  let view = emptyRunView(input.runId, record?.kind, record?.target);
  for (const event of record?.events ?? []) view = reduceRunView(view, event);
  const note = `:white_check_mark: ${escapeText(input.text)}`;
  updateMessage(runtime, input.channel, input.ts, (): SlackMessage => {
    const parent = renderParentMessage(view, runtime.now());
    return { text: `${parent.text} · resolved`, blocks: [...parent.blocks, context(note)] };
  });
  await postMessage(
    runtime,
    { channel: input.channel, threadTs: input.ts },
    { text: input.text, blocks: [section(note)] },
  ).catch((error: unknown) =>
    runtime.logger.warn({ error: errorMessage(error), runId: input.runId }, 'resolved reply lost'),
  );
}
