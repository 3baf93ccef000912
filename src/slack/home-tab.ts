import type { App } from '@slack/bolt';
import { errorMessage } from '../errors/index.ts';
import { ABORT_ACTION_ID, PAUSE_ACTION_ID, renderHomeView, TIMELINE_ACTION_ID } from './render-home.ts';
import { renderTimelineModal } from './render-timeline.ts';
import type { SlackRuntime } from './runtime.ts';

const HOME_RUNS = 30;

async function publishHome(runtime: SlackRuntime, userId: string): Promise<void> {
  const [runbooks, runs] = await Promise.all([
    runtime.deps.catalog.list(),
    runtime.deps.runs.list({ limit: HOME_RUNS }),
  ]);
  const view = renderHomeView(runbooks, runs, runtime.now());
  await runtime.client.views.publish({ user_id: userId, view });
}

/**
 * The Home tab (runbooks with their last run, recent runs), a run's timeline in a modal, and the
 * Pause / Abort buttons (a pause takes effect at the next step boundary).
 */
export function registerHomeTab(app: App, runtime: SlackRuntime): void {
  app.event('app_home_opened', async ({ event }) => {
    runtime.metrics.increment('slack_events_total', { type: 'app_home_opened' });
    if (event.tab !== 'home') return;
    await publishHome(runtime, event.user).catch((error: unknown) =>
      runtime.logger.warn({ error: errorMessage(error) }, 'Home tab not published'),
    );
  });

  app.action(TIMELINE_ACTION_ID, async ({ ack, body, action }) => {
    await ack();
    runtime.metrics.increment('slack_actions_total', { action: TIMELINE_ACTION_ID });
    const runId = 'value' in action ? String(action.value) : '';
    const record = await runtime.deps.runs.get(runId);
    if (!record || !('trigger_id' in body)) return;
    await runtime.client.views
      .open({ trigger_id: body.trigger_id, view: renderTimelineModal(record) })
      .catch((error: unknown) =>
        runtime.logger.warn({ error: errorMessage(error), runId }, 'timeline not shown'),
      );
  });

  for (const actionId of [PAUSE_ACTION_ID, ABORT_ACTION_ID]) {
    app.action(actionId, async ({ ack, body, action }) => {
      await ack();
      runtime.metrics.increment('slack_actions_total', { action: actionId });
      const runId = 'value' in action ? String(action.value) : '';
      const user = body.user.id;
      try {
        if (actionId === PAUSE_ACTION_ID) await runtime.deps.runs.pause(runId, user);
        else await runtime.deps.runs.abort(runId, user);
        runtime.logger.info({ runId, user, action: actionId }, 'run control from Slack');
      } catch (error) {
        runtime.logger.warn({ runId, user, error: errorMessage(error) }, 'run control refused');
      }
      if ('view' in body && body.view?.type === 'home') {
        await publishHome(runtime, user).catch((error: unknown) =>
          runtime.logger.warn({ error: errorMessage(error) }, 'Home tab not refreshed'),
        );
      }
    });
  }
}
