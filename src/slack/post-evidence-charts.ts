import { chartForCheck, hasChartableSeries, renderChartPng } from '../charts/index.ts';
import type { ProgressEvent } from '../engine/events.ts';
import { errorMessage } from '../errors/index.ts';
import type { ReplyTarget } from './post-message.ts';
import type { RunView } from './run-view.ts';
import type { SlackRuntime } from './runtime.ts';

/** A busy investigation runs dozens of checks; a thread shows at most this many charts. */
const MAX_CHARTS_PER_THREAD = 8;

export interface EvidenceChartPoster {
  /** Renders and uploads a chart for a finished check that has a range series; never throws. */
  onEvent(event: ProgressEvent, view: RunView): void;
}

/**
 * Evidence charts in a run's thread: one PNG per check with a range series (threshold lines from
 * its health conditions, the alert start marked, or the run start when the alert's is unknown),
 * uploaded with `files.uploadV2` through the channel's queue so it lands after the check's reply.
 */
export function createEvidenceChartPoster(
  runtime: SlackRuntime,
  target: ReplyTarget,
  alertStartsAt?: string,
): EvidenceChartPoster {
  let posted = 0;
  return {
    onEvent(event, view) {
      if (event.type !== 'check.finished' || !hasChartableSeries(event.outcome)) return;
      if (posted >= MAX_CHARTS_PER_THREAD) return;
      posted += 1;
      const startedAt = alertStartsAt ?? view.startedAt;
      const marker =
        startedAt === undefined
          ? undefined
          : {
              atSeconds: Date.parse(startedAt) / 1000,
              label: alertStartsAt === undefined ? 'run started' : 'alert fired',
            };
      const { outcome } = event;
      runtime.queue
        .enqueue(target.channel, 'files.uploadV2', async () => {
          const threadTs = await target.thread();
          const spec = chartForCheck(outcome, marker);
          if (threadTs === undefined || spec === undefined) return undefined;
          const title = runtime.redact(`${outcome.name}: ${outcome.summary}`).slice(0, 200);
          return runtime.client.files.uploadV2({
            channel_id: target.channel,
            thread_ts: threadTs,
            file: renderChartPng({ ...spec, title: runtime.redact(spec.title) }),
            filename: `${event.runId}-${outcome.checkId}.png`,
            title,
          });
        })
        .catch((error: unknown) =>
          runtime.logger.warn({ error: errorMessage(error), runId: event.runId }, 'evidence chart lost'),
        );
    },
  };
}
