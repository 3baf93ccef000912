import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type HTTPReceiver, webApi } from '@slack/bolt';
import { ConfigError, errorMessage, RunbookError } from '../errors/index.ts';
import { createApprovalMessages } from './approval-messages.ts';
import { refreshApprovalMessage } from './approval-thread.ts';
import { registerUndoAction } from './autonomy-thread.ts';
import { buildReceiver } from './build-receiver.ts';
import { registerApprovalActions } from './handle-approval-action.ts';
import { registerAuthoring } from './handle-authoring.ts';
import { registerRunbookCommand } from './handle-command.ts';
import { registerMentionHandler } from './handle-mention.ts';
import { registerMessageHandler } from './handle-message.ts';
import { registerStepActions } from './handle-step-action.ts';
import { postHandoff } from './handoff-command.ts';
import { createHealthHandlers, healthRoutes, type RequestHandler } from './health-routes.ts';
import { registerHomeTab } from './home-tab.ts';
import { markResolved } from './mark-resolved.ts';
import { createPostQueue } from './post-queue.ts';
import { postSweepSummary } from './post-sweep-summary.ts';
import { createRouteServer } from './route-server.ts';
import { DEFAULT_OPTIONS, type SlackRuntime } from './runtime.ts';
import { silentLogger, toBoltLogger } from './slack-logger.ts';
import { createSlackMetrics } from './slack-metrics.ts';
import { createThreadRegistry } from './thread-registry.ts';
import { createThreadSink } from './thread-sink.ts';
import type { SlackApp, SlackAppDeps } from './types.ts';
import { uploadFile } from './upload-file.ts';
import { createUserGroupResolver } from './user-groups.ts';

/**
 * The Slack app: /runbook, mentions, thread messages and Approve / Deny, over Socket Mode
 * (SLACK_APP_TOKEN set) or HTTP (POST /slack/events, plus /healthz, /readyz, /metrics).
 */
export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const botToken = deps.config.slack.botToken;
  if (!botToken) throw new ConfigError(['SLACK_BOT_TOKEN: required to start the Slack app (xoxb-…)']);
  const options = { ...DEFAULT_OPTIONS, ...deps.options };
  const logger = deps.logger ?? silentLogger;
  const boltLogger = toBoltLogger(logger);
  const metrics = createSlackMetrics();
  const clientOptions: webApi.WebClientOptions = {
    ...(deps.config.slack.apiUrl ? { slackApiUrl: deps.config.slack.apiUrl } : {}),
    logger: boltLogger,
    // The post queue waits out 429s itself, per channel; the client must not pause every call.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: options.webClientRetries, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    timeout: options.requestTimeoutMs,
  };
  const client = new webApi.WebClient(botToken, clientOptions);
  const identity = memoize(() => client.auth.test());
  const handlers = createHealthHandlers({ store: deps.store, metrics });
  const routes = healthRoutes(handlers);
  const choice = buildReceiver({ config: deps.config, logger: boltLogger, routes, clientOptions });
  const app = new App({
    receiver: choice.receiver,
    logger: boltLogger,
    clientOptions,
    authorize: async () => {
      const who = await identity();
      return {
        botToken,
        ...(who.bot_id ? { botId: who.bot_id } : {}),
        ...(who.user_id ? { botUserId: who.user_id } : {}),
        ...(who.team_id ? { teamId: who.team_id } : {}),
      };
    },
  });
  const queue = createPostQueue({ intervalMs: options.postIntervalMs, logger, metrics });
  metrics.setQueueDepth(queue.depth);
  const runtime: SlackRuntime = {
    deps,
    client,
    queue,
    metrics,
    logger,
    redact: deps.redact ?? ((text) => text),
    now: deps.now,
    options,
    threads: createThreadRegistry(deps.store),
    approvalMessages: createApprovalMessages(deps.store),
    groups: createUserGroupResolver(client, options.userGroupCacheMs, logger),
    pendingUpdates: new Set(),
  };
  registerRunbookCommand(app, runtime);
  registerMentionHandler(app, runtime);
  registerMessageHandler(app, runtime);
  registerApprovalActions(app, runtime);
  registerHomeTab(app, runtime);
  registerUndoAction(app, runtime);
  registerStepActions(app, runtime);
  registerAuthoring(app, runtime);
  app.error(async (error) => {
    logger.error({ error: errorMessage(error) }, 'Slack listener failed');
  });

  const socketRoutes = choice.mode === 'socket' ? createRouteServer(routes) : undefined;
  let httpServer: Server | undefined;
  let socketStarted = false;
  const checkToken = async () => {
    try {
      const who = await identity();
      logger.info({ botUserId: who.user_id, team: who.team, mode: choice.mode }, 'Slack app starting');
    } catch (error) {
      throw new RunbookError(
        'slack.failed',
        `SLACK_BOT_TOKEN: auth.test failed (${errorMessage(error)}): check the token and SLACK_API_URL`,
        { cause: error },
      );
    }
  };
  const connectSocket = async () => {
    try {
      await app.start();
      socketStarted = true;
    } catch (error) {
      throw new RunbookError(
        'slack.failed',
        `SLACK_APP_TOKEN: Socket Mode could not connect (${errorMessage(error)}): check the xapp- token has connections:write`,
        { cause: error },
      );
    }
  };

  return {
    app,
    health: handlers,
    threadSink: (target) => createThreadSink(runtime, target),
    markResolved: (input) => markResolved(runtime, input),
    postSweepSummary: (channel, report) => postSweepSummary(runtime, channel, report),
    postHandoff: (channel, since) => postHandoff(runtime, channel, since),
    uploadFile: (upload) => uploadFile(runtime, upload),
    showApprovalState: (approvalId) => refreshApprovalMessage(runtime, approvalId, {}),
    requestListener: choice.mode === 'http' ? slackRequestListener(choice.receiver) : undefined,
    renderMetrics: () => metrics.render(),
    async connect() {
      await checkToken();
      if (choice.mode === 'socket') await connectSocket();
    },
    async start(port = deps.config.slack.port) {
      await checkToken();
      if (choice.mode === 'http') {
        httpServer = (await app.start(port)) as Server;
        return { port: (httpServer.address() as AddressInfo).port };
      }
      const healthPort = await socketRoutes?.listen(port);
      try {
        await connectSocket();
      } catch (error) {
        await socketRoutes?.close();
        throw error;
      }
      return healthPort === undefined ? {} : { port: healthPort };
    },
    async stop() {
      for (const flush of [...runtime.pendingUpdates]) flush();
      await queue.drain(options.drainTimeoutMs);
      queue.close();
      httpServer?.closeIdleConnections();
      // Bolt's receiver refuses to stop what it never started (connect() leaves the server to src/server).
      const started = httpServer !== undefined || socketStarted;
      await Promise.all([started ? app.stop() : undefined, socketRoutes?.close()]);
    },
  };
}

/** Bolt's HTTP receiver as a listener: signature checked, 404 for anything but its endpoint. */
function slackRequestListener(receiver: HTTPReceiver): RequestHandler {
  return (request, response) => {
    try {
      receiver.requestListener(request, response);
    } catch (error) {
      if (!response.headersSent) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: errorMessage(error) }));
      }
    }
  };
}

/** One in-flight call shared by everyone; a failure is forgotten so the next caller tries again. */
function memoize<T>(load: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= load().catch((error: unknown) => {
      result = undefined;
      throw error;
    });
    return result;
  };
}
