import type { Hono } from 'hono';
import { type AlertDisplay, createAlertRoutes } from '../alerts/index.ts';
import type { AuditLog } from '../audit/types.ts';
import type { Config, ConfigFile } from '../config/index.ts';
import type { ProviderRegistry } from '../providers/types.ts';
import type { RunbookCatalog } from '../runbooks/index.ts';
import type { RunService } from '../runs/types.ts';
import { collectSweeps, createScheduler, type Scheduler } from '../scheduler/index.ts';
import type { SlackApp } from '../slack/index.ts';
import type { StateStore } from '../state/types.ts';
import { createAppServer } from './app-server.ts';
import { createHttpApp, type SubApp } from './create-http-app.ts';
import { createHealthRoutes } from './health-routes.ts';
import { createServerMetrics, type ServerMetrics } from './metrics.ts';

export interface ServingLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface ServingDeps {
  config: Config;
  configFile: ConfigFile;
  store: StateStore;
  audit: AuditLog;
  runs: RunService;
  /** For the sweeps' inline checks. */
  providers?: ProviderRegistry;
  catalog: RunbookCatalog;
  slack: SlackApp | undefined;
  /** Sub-apps mounted at the root: the HTTP API, more webhook receivers. */
  routes?: readonly SubApp[];
  logger: ServingLogger;
  now: () => Date;
}

export interface AppServing {
  scheduler: Scheduler;
  metrics: ServerMetrics;
  /** The whole HTTP surface (health, metrics, alerts, API) without a port, for in-process requests. */
  http: Hono;
  /** Connects Slack, opens the one port (default PORT), schedules the sweeps. */
  start(port?: number): Promise<{ port: number }>;
  /** Graceful: 503 on new webhooks, sweeps stop (running ones finish), the server closes (in-flight requests finish, bounded). */
  stop(): Promise<void>;
}

/** Alerts, sweeps and the one HTTP server (Slack, health, metrics, alerts, API) of a built app. */
export function createAppServing(deps: ServingDeps): AppServing {
  const metrics = createServerMetrics();
  let draining = false;
  const isDraining = () => draining;
  const { slack } = deps;
  const alertDisplay: AlertDisplay | undefined = slack
    ? { threadSink: (target) => slack.threadSink(target), markResolved: (input) => slack.markResolved(input) }
    : undefined;
  const scheduler = createScheduler({
    runs: deps.runs,
    ...(deps.providers ? { providers: deps.providers } : {}),
    store: deps.store,
    audit: deps.audit,
    sweeps: collectSweeps(deps.configFile.sweeps, deps.catalog.list()),
    defaultChannel: deps.config.defaultChannel,
    display: slack
      ? {
          postSummary: (channel, report) => slack.postSweepSummary(channel, report),
          postHandoff: (channel, since) => slack.postHandoff(channel, since),
        }
      : undefined,
    logger: deps.logger,
    now: deps.now,
    count: (sweep, outcome) => metrics.increment('runbook_sweeps_total', { sweep, outcome }),
  });
  const alerts = createAlertRoutes({
    deps: {
      runs: deps.runs,
      catalog: deps.catalog,
      store: deps.store,
      audit: deps.audit,
      routing: deps.configFile.routing,
      defaultChannel: deps.config.defaultChannel,
      display: alertDisplay,
      logger: deps.logger,
      now: deps.now,
      count: (outcome, source) => metrics.increment('runbook_alerts_total', { source, outcome }),
    },
    webhooks: deps.config.webhooks,
    isDraining,
  });
  const health = createHealthRoutes({
    store: deps.store,
    metrics: [...(slack ? [() => slack.renderMetrics()] : []), () => metrics.render()],
    isDraining,
  });
  const http = createHttpApp({ health, alerts, routes: deps.routes ?? [] });
  const server = createAppServer({ http, slack: slack?.requestListener });
  let started = false;

  return {
    scheduler,
    metrics,
    http,
    async start(port = deps.config.slack.port) {
      await slack?.connect();
      const bound = await server.listen(port);
      started = true;
      scheduler.start();
      return { port: bound };
    },
    async stop() {
      draining = true;
      await scheduler.stop();
      if (started) await server.close();
    },
  };
}
