import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Action, ActionOutcome, PlannedAction } from '../../src/actions/types.ts';
import { createApprovalService } from '../../src/approvals/index.ts';
import { type AuditLog, createRedactor, openAuditLog } from '../../src/audit/index.ts';
import { type Config, loadConfig } from '../../src/config/index.ts';
import { RunbookError } from '../../src/errors/index.ts';
import { createInvestigator } from '../../src/investigation/index.ts';
import type { CheckResult, Provider } from '../../src/providers/types.ts';
import { createRunbookCatalog } from '../../src/runbooks/index.ts';
import { createRunService, type RunService } from '../../src/runs/index.ts';
import { createSlackApp, type SlackApp, type SlackAppOptions } from '../../src/slack/index.ts';
import { createSqliteStateStore, type StateStore } from '../../src/state/index.ts';
import type { FakeSlack } from './slack.ts';
import { createSlackRequester, type SlackRequester } from './slack-requests.ts';

export const SIGNING_SECRET = 'test-signing-secret-8f2c';

/** A runbook whose diagnostics point at a DB connection pool exhausted, with an approval-gated restart. */
export const DB_RUNBOOK = `id: db-connections
name: DB connection exhaustion
service: payment-service
severity: P2
categories: [db-connection-exhaustion]
parameters:
  - name: service
    default: payment-service
triggers:
  - type: alert
    alertName: PostgresConnectionsHigh
  - type: manual
diagnostics:
  - id: connection_usage
    name: DB connection pool usage
    type: prometheus_query
    query: 'pg_usage{service="\${service}"}'
    health: {critical: 'value > 0.9', warning: 'value > 0.7'}
    evidenceFor: [db-connection-exhaustion]
  - id: error_rate
    name: Error rate
    type: prometheus_query
    query: 'errors{service="\${service}"}'
    health: {critical: 'value > 5.0'}
decision:
  - when: "diagnostics.connection_usage.status == 'critical'"
    conclusion: Connection pool exhausted
    category: db-connection-exhaustion
    severity: P1
    recommend: [restart-app]
remediations:
  - id: restart-app
    name: Restart the service
    type: automated
    risk: medium
    action: {type: restart, target: {name: '\${service}', namespace: production}}
    rollback: pods restart on their own
`;

/** A Prometheus provider of our Provider interface: a fixed answer per metric name. */
export function fixedPrometheus(values: ReadonlyMap<string, number>): Provider<'prometheus_query'> {
  return {
    type: 'prometheus_query',
    isConfigured: true,
    async check(step): Promise<CheckResult> {
      const value = values.get(step.query.split('{')[0] ?? '') ?? null;
      return {
        status: 'ok',
        value,
        series: [],
        items: [],
        fields: {},
        summary: `${step.id} = ${value}`,
        query: step.query,
        durationMs: 1,
      };
    },
  };
}

/** A restart Action of our interface that records what it executed (shared across app restarts). */
export function recordingRestart(executed: PlannedAction[]): Action<'restart'> {
  return {
    type: 'restart',
    async plan(spec, risk) {
      const target = `deployment/${spec.target.namespace}/${spec.target.name}`;
      return {
        type: 'restart',
        target,
        description: `restart ${target}`,
        risk,
        mutates: true,
        dryRun: `kubectl rollout restart ${target} --namespace ${spec.target.namespace}`,
        spec,
        rollback: { description: 'pods restart on their own' },
        hash: `h-${target}`,
      };
    },
    async execute(planned, grant): Promise<ActionOutcome> {
      if (grant.planHash !== planned.hash) throw new RunbookError('action.refused', 'plan changed');
      executed.push(planned);
      return { status: 'succeeded', summary: `restarted ${planned.target}`, durationMs: 3 };
    },
  };
}

export interface SlackStack {
  slackApp: SlackApp;
  config: Config;
  appUrl: string;
  runs: RunService;
  store: StateStore;
  audit: AuditLog;
  auditPath: string;
  send: SlackRequester;
  stop(): Promise<void>;
}

/**
 * The real services (catalog, SQLite state, audit log, approvals, run service, investigator) and
 * the real Slack app in HTTP mode on port 0, against a fake Slack. Only the Prometheus provider
 * and the restart action are test implementations of our own interfaces.
 */
export async function startSlackStack(input: {
  dataDir: string;
  slack: FakeSlack;
  executed: PlannedAction[];
  approvers?: string[];
  approvalTtlMs?: number;
  values?: ReadonlyMap<string, number>;
  options?: SlackAppOptions;
  secrets?: string[];
  /** Claude's runbook authoring (the fake Anthropic behind the real SDK). */
  authorRunbook?: (text: string) => Promise<string>;
}): Promise<SlackStack> {
  const library = join(input.dataDir, 'runbooks');
  await mkdir(library, { recursive: true });
  await writeFile(join(library, 'db-connections.yaml'), DB_RUNBOOK);
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: input.slack.apiUrl,
      RUNBOOK_DATA_DIR: input.dataDir,
      RUNBOOK_RUNBOOKS_DIR: library,
      RUNBOOK_APPROVERS: (input.approvers ?? ['U0BOB']).join(','),
      PORT: '0',
    },
    input.dataDir,
  );
  const now = () => new Date();
  let id = 0;
  const newId = () =>
    `${Date.now().toString(36)}-${(++id).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const catalog = await createRunbookCatalog(library);
  const store = createSqliteStateStore({ dataDir: input.dataDir });
  const audit = await openAuditLog(config.auditLogPath);
  const providers = {
    prometheus_query: fixedPrometheus(
      input.values ??
        new Map([
          ['pg_usage', 0.97],
          ['errors', 1],
        ]),
    ),
  };
  const actions = { restart: recordingRestart(input.executed) };
  const approvals = createApprovalService({
    store,
    audit,
    actions,
    policy: { approvers: config.approvers, defaultTtlMs: input.approvalTtlMs ?? 600_000 },
    now,
    newId: () => `appr-${newId()}`,
  });
  const investigator = createInvestigator({
    runbooks: () => catalog.list(),
    knowledge: () => [],
    providers,
    actions,
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
    newId,
    approvers: config.approvers,
  });
  const redactor = createRedactor(input.secrets ?? []);
  const slackApp = createSlackApp({
    config,
    runs,
    approvals,
    catalog,
    store,
    audit,
    redact: redactor.redactText,
    now,
    ...(input.authorRunbook ? { authorRunbook: input.authorRunbook } : {}),
    options: {
      postIntervalMs: 5,
      parentUpdateIntervalMs: 50,
      webClientRetries: 0,
      userGroupCacheMs: 1000,
      drainTimeoutMs: 3000,
      ...input.options,
    },
  });
  const { port } = await slackApp.start(0);
  const appUrl = `http://127.0.0.1:${port}`;
  return {
    slackApp,
    config,
    appUrl,
    runs,
    store,
    audit,
    auditPath: config.auditLogPath,
    send: createSlackRequester({ appUrl, signingSecret: SIGNING_SECRET, slack: input.slack }),
    async stop() {
      await runs.close();
      await slackApp.stop();
      await audit.close();
      await store.close();
    },
  };
}
