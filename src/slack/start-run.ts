import type { RunKind } from '../engine/events.ts';
import { errorMessage } from '../errors/index.ts';
import type { AlertInfo } from '../investigation/types.ts';
import type { RunHandle, RunOrigin } from '../runs/types.ts';
import type { SlackRuntime } from './runtime.ts';
import { createThreadSink, type ThreadSink } from './thread-sink.ts';

export interface SlackStartRequest {
  kind: RunKind;
  /** Service / alert name / incident id for an investigation; runbook id for a runbook run. */
  target: string;
  params: Record<string, string>;
  /** A person's own words (a mention): data for the investigation, never instructions. */
  text?: string;
  /** The Slack user id of whoever asked. */
  actor: string;
  channel: string;
  /** Post into this thread (mentions, reruns) instead of starting a new one. */
  threadTs?: string;
}

/** When the target is the name of an alert some runbook is triggered by, the investigation treats it as that alert. */
async function alertNamed(runtime: SlackRuntime, request: SlackStartRequest): Promise<AlertInfo | undefined> {
  const alert: AlertInfo = { name: request.target, source: 'manual', labels: { ...request.params } };
  const matches = await runtime.deps.catalog.matchAlert?.(alert);
  return matches && matches.length > 0 ? alert : undefined;
}

/** Starts a run whose progress goes to a Slack thread. Throws the run service's RunbookError as is. */
export async function startRunFromSlack(
  runtime: SlackRuntime,
  request: SlackStartRequest,
): Promise<{ handle: RunHandle; sink: ThreadSink }> {
  const sink = createThreadSink(
    runtime,
    { channel: request.channel, ...(request.threadTs ? { threadTs: request.threadTs } : {}) },
    {
      kind: request.kind,
      target: request.target,
      params: request.params,
      ...(request.text ? { text: request.text } : {}),
    },
  );
  const origin: RunOrigin = {
    source: 'slack',
    channel: request.channel,
    ...(request.threadTs ? { threadTs: request.threadTs } : {}),
  };
  const alert = request.kind === 'investigation' ? await alertNamed(runtime, request) : undefined;
  const handle =
    request.kind === 'investigation'
      ? await runtime.deps.runs.startInvestigation(
          {
            trigger: {
              target: request.target,
              params: request.params,
              ...(request.text ? { text: request.text } : {}),
              ...(alert ? { alert } : {}),
            },
            actor: request.actor,
            origin,
          },
          sink,
        )
      : await runtime.deps.runs.startRunbook(
          { runbookId: request.target, params: request.params, actor: request.actor, origin },
          sink,
        );
  runtime.metrics.increment('runbook_runs_started_total', { kind: request.kind });
  runtime.logger.info(
    { runId: handle.runId, kind: request.kind, target: request.target, channel: request.channel },
    'run started from Slack',
  );
  handle.done.catch((error: unknown) =>
    runtime.logger.error({ runId: handle.runId, error: errorMessage(error) }, 'run ended with an error'),
  );
  return { handle, sink };
}
