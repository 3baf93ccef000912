import { randomBytes } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import type { Hono } from 'hono';
import type { DestinationStream, Logger } from 'pino';
import { createActions, type Notifier } from './actions/index.ts';
import type { ActionRegistry } from './actions/types.ts';
import { createDeployRoutes, slackDeployDisplay } from './alerts/deploy/index.ts';
import { type ApiEnv, apiActor, createApiApp, parseApiTokens } from './api/index.ts';
import { createApprovalService, createAutonomyAdvisor, requestUndo } from './approvals/index.ts';
import type { ApprovalPolicy, ApprovalService } from './approvals/types.ts';
import { type AuditLog, createRedactor, openAuditLog, type Redactor } from './audit/index.ts';
import { type Config, type ConfigFile, loadConfigFile } from './config/index.ts';
import { createInvestigator, type InvestigationLimits, type Investigator } from './investigation/index.ts';
import { createLogger } from './logging/create-logger.ts';
import { createProviders } from './providers/index.ts';
import type { ProviderRegistry } from './providers/types.ts';
import { createRunbookCatalog, type RunbookCatalog, recordLoadedVersions } from './runbooks/index.ts';
import { createAgentStep, createRunService, type RunService } from './runs/index.ts';
import type { Scheduler } from './scheduler/index.ts';
import { type AppServing, createAppServing } from './server/index.ts';
import { authorWithModel, createSlackApp, type SlackApp, type SlackAppOptions } from './slack/index.ts';
import { createStateStore, type StateStore } from './state/index.ts';

/** How long an approval request stays open unless a caller says otherwise. */
const DEFAULT_APPROVAL_TTL_MS = 30 * 60_000;

/** What a caller (CLI, demo, eval, tests) may swap in; everything else comes from the config. */
export interface AppOverrides {
  now?: () => Date;
  newId?: (prefix: string) => string;
  /** The environment a `command` step or action may pass on (PATH, HOME, LANG only). */
  processEnv?: Readonly<Record<string, string | undefined>>;
  store?: StateStore;
  planner?: 'deterministic' | 'claude';
  anthropic?: Anthropic;
  investigationLimits?: Partial<InvestigationLimits>;
  approvalPolicy?: Partial<ApprovalPolicy>;
  /** Where notify/escalate go when there is no Slack app (the CLI prints them). */
  notifier?: Notifier;
  /** Build the Slack app even without tokens (tests) or never (CLI); default: when tokens are configured. */
  slack?: boolean;
  slackOptions?: SlackAppOptions;
  logDestination?: DestinationStream;
  /** Earned autonomy (`autoApprove` policies); default on. The MCP server turns it off: nothing it starts acts by itself. */
  autonomy?: boolean;
  /** The RUNBOOK_CONFIG content, already parsed (tests); default: read config.configFile. */
  configFile?: ConfigFile;
}

export interface App {
  config: Config;
  logger: Logger;
  redactor: Redactor;
  store: StateStore;
  audit: AuditLog;
  catalog: RunbookCatalog;
  providers: ProviderRegistry;
  actions: ActionRegistry;
  approvals: ApprovalService;
  investigator: Investigator;
  runs: RunService;
  slack: SlackApp | undefined;
  /** The HTTP API sub-app (`/api/*`, `/openapi.json`) for the server to mount. */
  api: Hono<ApiEnv>;
  /** Routing rules, sweeps and approver policy from RUNBOOK_CONFIG. */
  configFile: ConfigFile;
  /** Sweeps (config file and runbook `schedule` triggers). */
  scheduler: Scheduler;
  /** The one HTTP server: Slack (HTTP mode), /healthz, /readyz, /metrics, /alerts/*, the API. */
  serving: AppServing;
  /** Connects Slack, opens the port (default PORT; 0 for any free one), schedules sweeps; resolves with the bound port. */
  start(port?: number): Promise<{ port?: number }>;
  /** Graceful: stop taking work, let in-flight steps finish (bounded), persist state, close. */
  stop(): Promise<void>;
}

function randomId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}

function configSecrets(config: Config): string[] {
  return [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.prometheus?.bearerToken,
    config.prometheus?.password,
    config.datadog?.apiKey,
    config.datadog?.appKey,
    config.anthropic?.apiKey,
    config.webhooks.alertmanagerToken,
    config.webhooks.pagerdutySecret,
    config.webhooks.datadogToken,
    config.webhooks.githubSecret,
    config.webhooks.argocdToken,
    // A connection string carries its password: both are kept out of Slack, the model and the audit log.
    ...Object.values(config.databases).flatMap(databaseSecrets),
  ].filter((secret): secret is string => secret !== undefined);
}

function databaseSecrets(url: string): string[] {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? [url] : [url, password];
  } catch (error) {
    if (error instanceof TypeError) return [url];
    throw error;
  }
}

function hasSlackCredentials(config: Config): boolean {
  return (
    config.slack.botToken !== undefined &&
    (config.slack.signingSecret !== undefined || config.slack.appToken !== undefined)
  );
}

function anthropicClient(config: Config): Anthropic | undefined {
  if (!config.anthropic) return undefined;
  return new Anthropic({
    apiKey: config.anthropic.apiKey,
    ...(config.anthropic.baseUrl ? { baseURL: config.anthropic.baseUrl } : {}),
    maxRetries: 1,
    timeout: 60_000,
  });
}

/**
 * The one composition root: config → state → audit → catalog → providers and actions → approvals →
 * investigator → runs → Slack. `main.ts`, the CLI, the demo, the eval harness and the tests all
 * build the product through here, each with its own config.
 */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const now = overrides.now ?? (() => new Date());
  const newId = overrides.newId ?? randomId;
  // Read before anything opens: a bad file stops the start with file:line: field: message lines.
  const configFile = overrides.configFile ?? (await loadConfigFile(config.configFile));
  const redactor = createRedactor(configSecrets(config));
  const logger = createLogger(config.logLevel, redactor.redactText, overrides.logDestination);

  const store =
    overrides.store ??
    (await createStateStore({
      dataDir: config.dataDir,
      ...(config.redisUrl === undefined ? {} : { redisUrl: config.redisUrl }),
    }));
  const closers: Array<() => Promise<void>> = [() => store.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      await close().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed'));
    }
  };

  try {
    const audit = await openAuditLog(config.auditLogPath, { redactor, now });
    closers.push(() => audit.close());
    const catalog = await createRunbookCatalog(config.runbooksDir, { now });
    // Every new content hash goes to the version log (`runbook history`, `runbook diff`).
    await recordLoadedVersions(config.dataDir, catalog.list(), now).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not write the runbook version log'),
    );
    for (const issue of catalog.issues) {
      logger.warn({ file: issue.file, line: issue.line, field: issue.field }, issue.message);
    }

    let slack: SlackApp | undefined;
    const notifier: Notifier = {
      async post(channel, text) {
        const target = channel ?? config.defaultChannel;
        const token = config.slack.botToken;
        if (slack && target && token) {
          // The app authorises per request, so its shared client carries no token of its own.
          await slack.app.client.chat.postMessage({
            token,
            channel: target,
            text: redactor.redactText(text),
          });
          return;
        }
        if (overrides.notifier) return overrides.notifier.post(channel, text);
        logger.info({ channel: target }, redactor.redactText(text));
      },
    };

    const processEnv = overrides.processEnv ? { processEnv: overrides.processEnv } : {};
    const providers = createProviders(config, processEnv);
    const actions = createActions(config, { ...processEnv, notifier });
    const apiTokens = parseApiTokens(config.api.tokens);
    const apiApprovers = apiTokens.filter((token) => token.roles.has('approve')).map(apiActor);
    const approvals = createApprovalService({
      store,
      audit,
      actions,
      policy: {
        // An API token with the approve role decides as `api:<name>`, through the same policy as Slack.
        approvers: [
          ...(config.approvers.length > 0 ? config.approvers : (configFile.approvers.default ?? [])),
          ...apiApprovers,
        ],
        approversByRunbook: configFile.approvers.runbooks,
        defaultTtlMs: DEFAULT_APPROVAL_TTL_MS,
        ...overrides.approvalPolicy,
      },
      now,
      newId: () => newId('ap-'),
    });

    const client = overrides.anthropic ?? anthropicClient(config);
    const investigator = createInvestigator({
      runbooks: () => catalog.list(),
      knowledge: () => catalog.knowledge,
      providers,
      actions,
      ...(overrides.planner ? { planner: overrides.planner } : {}),
      ...(client && config.anthropic ? { anthropic: { client, model: config.anthropic.model } } : {}),
      ...(overrides.investigationLimits ? { limits: overrides.investigationLimits } : {}),
    });

    const runs = createRunService({
      catalog,
      providers,
      actions,
      approvals,
      audit,
      store,
      investigator,
      now,
      newId: () => newId('run-'),
      ...(overrides.autonomy === false ? {} : { autonomy: createAutonomyAdvisor(audit.path) }),
      approvers: overrides.approvalPolicy?.approvers ?? config.approvers,
      ...(client && config.anthropic
        ? { agent: createAgentStep({ client, model: config.anthropic.model, providers, now }) }
        : {}),
      onSinkError: (error) => logger.warn({ err: error }, 'a progress sink failed'),
    });

    if (overrides.slack ?? hasSlackCredentials(config)) {
      slack = createSlackApp({
        config,
        runs,
        approvals,
        catalog,
        store,
        audit,
        redact: redactor.redactText,
        logger,
        now,
        undo: (approvalId, actor) => requestUndo({ approvals, actions }, approvalId, actor),
        ...(client && config.anthropic
          ? { authorRunbook: (text: string) => authorWithModel(client, config.anthropic?.model ?? '', text) }
          : {}),
        ...(overrides.slackOptions ? { options: overrides.slackOptions } : {}),
        // The scheduler is built after Slack (it posts through it); the commands reach it late.
        sweeps: {
          list: () => serving.scheduler.list(),
          runNow: (name, actor) => serving.scheduler.runNow(name, actor),
        },
      });
      const started = slack;
      closers.push(() => started.stop());
    }
    // Runs stop first (in-flight steps finish), then Slack drains its posts, then audit and state close.
    closers.push(() => runs.close());
    const api = createApiApp({ runs, catalog, approvals, audit, tokens: apiTokens, now });
    // Failed deployments (GitHub deployment_status, Argo CD, generic) start an investigation of the workload.
    const deploys = createDeployRoutes({
      deps: {
        runs,
        store,
        audit,
        routing: configFile.routing,
        defaultChannel: config.defaultChannel,
        display: slack ? slackDeployDisplay(slack) : undefined,
        logger,
        now,
      },
      secrets: { githubSecret: config.webhooks.githubSecret, argocdToken: config.webhooks.argocdToken },
    });
    const serving = createAppServing({
      config,
      configFile,
      store,
      audit,
      runs,
      providers,
      catalog,
      slack,
      routes: [deploys, api],
      logger,
      now,
    });
    // First to stop: no new webhooks or sweeps, the server closes; then runs finish, Slack drains.
    closers.push(() => serving.stop());

    return {
      config,
      logger,
      redactor,
      store,
      audit,
      catalog,
      providers,
      actions,
      approvals,
      investigator,
      runs,
      slack,
      api,
      configFile,
      scheduler: serving.scheduler,
      serving,
      start: (port) => serving.start(port),
      stop: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
