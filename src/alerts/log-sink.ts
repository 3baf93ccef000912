import type { ProgressSink } from '../engine/events.ts';
import type { AlertLogger } from './types.ts';

/** Without Slack (or a channel), a run started by an alert or a sweep is followed in the logs. */
export function createLogSink(logger: AlertLogger): ProgressSink {
  return {
    emit(event) {
      if (event.type === 'conclusion') {
        logger.info({ runId: event.runId, category: event.conclusion.category }, event.conclusion.summary);
      } else if (event.type === 'run.finished') {
        logger.info(
          { runId: event.runId, status: event.status, durationMs: event.durationMs },
          event.summary,
        );
      } else if (event.type === 'error') {
        logger.warn({ runId: event.runId, code: event.code }, event.message);
      }
    },
  };
}
