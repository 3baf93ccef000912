import { errorMessage } from '../errors/index.ts';
import type { ThreadKeyword } from './parse-mention.ts';
import { postMessage } from './post-message.ts';
import { renderRunStatus, renderThreadHelp, renderWhy } from './render-replies.ts';
import type { SlackMessage } from './render-text.ts';
import { postFailureMessage, problemMessage } from './respond-problem.ts';
import type { SlackRuntime } from './runtime.ts';
import { startRunFromSlack } from './start-run.ts';
import type { ThreadRecord } from './thread-registry.ts';

/** "status", "why", "rerun" asked inside a run's thread; the answer goes to the same thread. */
export async function answerInThread(
  runtime: SlackRuntime,
  thread: ThreadRecord,
  keyword: ThreadKeyword | undefined,
  user: string,
): Promise<void> {
  const target = { channel: thread.channel, threadTs: thread.threadTs };
  let reply: SlackMessage | undefined;
  try {
    reply = await buildAnswer(runtime, thread, keyword, user);
  } catch (error) {
    runtime.logger.error(
      { runId: thread.runId, keyword, error: errorMessage(error) },
      'thread answer failed',
    );
    reply = problemMessage(error);
  }
  if (reply) await postMessage(runtime, target, reply);
}

async function buildAnswer(
  runtime: SlackRuntime,
  thread: ThreadRecord,
  keyword: ThreadKeyword | undefined,
  user: string,
): Promise<SlackMessage | undefined> {
  switch (keyword) {
    case 'status':
    case 'why': {
      const record = await runtime.deps.runs.get(thread.runId);
      if (!record) return problemMessage(new Error(`run ${thread.runId} is no longer in the run history`));
      return keyword === 'status' ? renderRunStatus(record, runtime.now()) : renderWhy(record);
    }
    case 'rerun': {
      const { sink } = await startRunFromSlack(runtime, {
        kind: thread.kind,
        target: thread.target,
        params: thread.params,
        ...(thread.text ? { text: thread.text } : {}),
        actor: user,
        channel: thread.channel,
        threadTs: thread.threadTs,
      });
      const parent = await sink.parent;
      return 'error' in parent ? postFailureMessage(parent.error) : undefined;
    }
    case 'help':
    case undefined:
      return renderThreadHelp();
    default:
      return keyword satisfies never;
  }
}
