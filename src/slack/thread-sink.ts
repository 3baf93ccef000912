import type { ProgressEvent, ProgressSink, RunKind } from '../engine/events.ts';
import { errorMessage } from '../errors/index.ts';
import { announceApprovalEvent, postApprovalRequest } from './approval-thread.ts';
import { announceAutoApproved, isAutoApproval } from './autonomy-thread.ts';
import { createEvidenceChartPoster } from './post-evidence-charts.ts';
import { postMessage, updateMessage } from './post-message.ts';
import { renderEventReply } from './render-event.ts';
import { renderParentMessage } from './render-parent.ts';
import { isWaitingStep } from './render-step-prompt.ts';
import { emptyRunView, type RunView, reduceRunView } from './run-view.ts';
import type { SlackRuntime } from './runtime.ts';
import { slackErrorCode } from './slack-errors.ts';
import { postStepPrompt } from './step-prompt-thread.ts';

const HEARTBEAT_MS = 30_000;

export interface ThreadTarget {
  channel: string;
  /** Post the parent as a reply in this existing thread (a mention); otherwise it starts a new thread. */
  threadTs?: string;
  /** When the alert that started the run fired (ISO 8601): evidence charts mark it. */
  alertStartsAt?: string;
}

/** What started the run, kept with the thread so "rerun" can repeat it. */
export interface ThreadOrigin {
  kind: RunKind;
  target: string;
  params: Record<string, string>;
  text?: string;
}

/** A run started elsewhere (an alert, a sweep): "rerun" repeats what its first event says. */
function originOf(view: RunView): ThreadOrigin {
  return {
    kind: view.kind,
    target: view.kind === 'runbook' ? (view.runbook?.id ?? view.target) : view.target,
    params: view.params,
  };
}

export type ParentOutcome = { ts: string; threadTs: string } | { error: string };

export interface ThreadSink extends ProgressSink {
  /** Settles once the parent message is posted, or with Slack's error (`not_in_channel`…). */
  readonly parent: Promise<ParentOutcome>;
}

/**
 * A run's Slack thread: one parent message kept current (updates coalesced, at most one per
 * parentUpdateIntervalMs, the latest state always last) and one reply per piece of evidence, in
 * order. emit() never blocks the run and never throws: Slack's pace is the queue's business.
 */
export function createThreadSink(
  runtime: SlackRuntime,
  target: ThreadTarget,
  origin?: ThreadOrigin,
): ThreadSink {
  const { channel } = target;
  let view: RunView = emptyRunView('', origin?.kind ?? 'investigation', origin?.target ?? '');
  let parentTs: string | undefined;
  let parentRequested = false;
  let updateTimer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let lastUpdateAtMs = 0;
  // Bumped on every change; the parent is only re-sent when it shows an older version.
  let version = 0;
  let shownVersion = 0;
  let settleParent: (outcome: ParentOutcome) => void = () => {};
  const parent = new Promise<ParentOutcome>((resolve) => {
    settleParent = resolve;
  });
  const thread = async (): Promise<string | undefined> => {
    const outcome = await parent;
    return 'ts' in outcome ? outcome.threadTs : target.threadTs;
  };
  const charts = createEvidenceChartPoster(runtime, { channel, thread }, target.alertStartsAt);

  const renderParent = () => {
    shownVersion = version;
    lastUpdateAtMs = Date.now();
    return renderParentMessage(view, runtime.now());
  };

  const sendUpdate = () => {
    if (parentTs === undefined || shownVersion === version) return;
    updateMessage(runtime, channel, parentTs, renderParent);
  };

  // At most one update per interval, the last one always showing the final state: a change inside
  // the interval waits for its end, and the update then renders whatever is newest.
  const flush = () => {
    clearTimeout(updateTimer);
    updateTimer = undefined;
    runtime.pendingUpdates.delete(flush);
    sendUpdate();
  };
  const scheduleUpdate = () => {
    if (parentTs === undefined || updateTimer !== undefined) return;
    const waitMs = Math.max(0, lastUpdateAtMs + runtime.options.parentUpdateIntervalMs - Date.now());
    updateTimer = setTimeout(flush, waitMs);
    updateTimer.unref();
    runtime.pendingUpdates.add(flush);
  };

  const postParent = () => {
    parentRequested = true;
    postMessage(runtime, target, async () => renderParent())
      .then(
        async (response) => {
          const ts = response?.ts ?? '';
          parentTs = ts;
          lastUpdateAtMs = Date.now();
          const threadTs = target.threadTs ?? ts;
          settleParent({ ts, threadTs });
          await runtime.threads.register({
            ...(origin ?? originOf(view)),
            runId: view.runId,
            channel,
            threadTs,
          });
          scheduleUpdate();
        },
        (error: unknown) => {
          clearInterval(heartbeat);
          settleParent({ error: slackErrorCode(error) ?? errorMessage(error) });
        },
      )
      .catch((error: unknown) =>
        runtime.logger.error({ error: errorMessage(error), channel }, 'thread registry failed'),
      );
  };

  const reply = (event: ProgressEvent) => {
    const message = renderEventReply(event, view);
    if (message === undefined) return;
    postMessage(runtime, { channel, thread }, message).catch((error: unknown) =>
      runtime.logger.warn({ error: errorMessage(error), runId: view.runId }, 'evidence reply lost'),
    );
  };

  return {
    parent,
    emit(event) {
      try {
        view = reduceRunView(view, event);
        version += 1;
        if (event.type === 'run.started' && heartbeat === undefined) {
          // The elapsed time keeps moving while a long step runs, even when no event arrives.
          heartbeat = setInterval(() => {
            version += 1;
            scheduleUpdate();
          }, HEARTBEAT_MS);
          heartbeat.unref();
        }
        if (event.type === 'run.finished') clearInterval(heartbeat);
        if (!parentRequested) postParent();
        else scheduleUpdate();
        if (event.type === 'remediation.proposed' && event.approvalId) {
          postApprovalRequest(runtime, {
            channel,
            thread,
            runId: event.runId,
            approvalId: event.approvalId,
            remediation: event.remediation,
          });
        } else if (event.type === 'approval.decided' || event.type === 'action.finished') {
          announceApprovalEvent(runtime, { channel, thread, event, view });
          if (isAutoApproval(event))
            announceAutoApproved(runtime, { channel, thread, approvalId: event.approvalId });
        } else if (isWaitingStep(event)) {
          postStepPrompt(runtime, { channel, thread }, event);
        } else {
          reply(event);
          charts.onEvent(event, view);
        }
      } catch (error) {
        runtime.logger.error(
          { error: errorMessage(error), runId: event.runId, type: event.type },
          'Slack sink failed',
        );
      }
    },
  };
}
