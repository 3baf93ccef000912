import { randomBytes } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import type { DestinationStream, Logger } from 'pino';
import { createActions, type Notifier } from './actions/index.ts';
import type { ActionRegistry } from './actions/types.ts';
import { createApprovalService } from './approvals/index.ts';
import type { ApprovalPolicy, ApprovalService } from './approvals/types.ts';
import { type AuditLog, createRedactor, openAuditLog, type Redactor } from './audit/index.ts';
import type { Config } from './config/index.ts';
import { createInvestigator, type InvestigationLimits, type Investigator } from './investigation/index.ts';
import { createLogger } from './logging/create-logger.ts';
import { createProviders } from './providers/index.ts';
import type { ProviderRegistry } from './providers/types.ts';
import { createRunbookCatalog, type RunbookCatalog } from './runbooks/index.ts';
import { createRunService, type RunService } from './runs/index.ts';
import { createSlackApp, type SlackApp, type SlackAppOptions } from './slack/index.ts';
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
  /** Starts serving Slack (and health/metrics); resolves with the bound port in HTTP mode. */
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
  ].filter((secret): secret is string => secret !== undefined);
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
    for (const issue of catalog.issues) {
      logger.warn({ file: issue.file, line: issue.line, field: issue.field }, issue.message);
    }

    let slack: SlackApp | undefined;
    const notifier: Notifier = {
      async post(channel, text) {
        const target = channel ?? config.defaultChannel;
        if (slack && target) {
          await slack.app.client.chat.postMessage({ channel: target, text: redactor.redactText(text) });
          return;
        }
        if (overrides.notifier) return overrides.notifier.post(channel, text);
        logger.info({ channel: target }, redactor.redactText(text));
      },
    };

    const processEnv = overrides.processEnv ? { processEnv: overrides.processEnv } : {};
    const providers = createProviders(config, processEnv);
    const actions = createActions(config, { ...processEnv, notifier });
    const approvals = createApprovalService({
      store,
      audit,
      actions,
      policy: {
        approvers: config.approvers,
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
        ...(overrides.slackOptions ? { options: overrides.slackOptions } : {}),
      });
      const started = slack;
      closers.push(() => started.stop());
    }
    // Runs stop first (in-flight steps finish), then Slack drains its posts, then audit and state close.
    closers.push(() => runs.close());

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
      async start(port) {
        if (!slack) return {};
        return slack.start(port);
      },
      stop: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
