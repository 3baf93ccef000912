import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type App, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { FakeSlack } from '../fakes/slack.ts';

export const SIGNING_SECRET = 'ops-signing-secret-5e1';
export const ALERTMANAGER_TOKEN = 'am-token-0f9c2b';
export const PAGERDUTY_SECRET = 'pd-secret-77aa';
export const DATADOG_TOKEN = 'dd-token-31be';

/** A published runbook whose command probe always finds the disk full, with an approval-gated clean-up. */
export function diskRunbook(executedFile: string): string {
  return `id: disk-pressure
name: Disk pressure on payment-service
service: payment-service
severity: P2
status: published
categories: [disk-full]
triggers:
  - type: alert
    alertName: DiskAlmostFull
  - type: manual
diagnostics:
  - id: disk_usage
    name: Disk usage probe
    type: command
    command: [sh, -c, "echo 97% used; exit 3"]
    timeout: 5s
    health:
      critical: value != 0
    evidenceFor: [disk-full]
decision:
  - when: "diagnostics.disk_usage.status == 'critical'"
    conclusion: The data volume is full
    category: disk-full
    severity: P2
    recommend: [clean-tmp]
remediations:
  - id: clean-tmp
    name: Clean temporary files
    type: automated
    risk: low
    action: {type: run_command, command: [sh, -c, "echo cleaned >> ${executedFile}"]}
`;
}

/** A runbook for sweeps: healthy, or slow (sleeps past any sweep timeout a test sets). */
export function sweepRunbook(id: string, script: string): string {
  return `id: ${id}
name: ${id}
service: ${id}
status: published
triggers: [{type: manual}]
diagnostics:
  - id: probe
    name: ${id} probe
    type: command
    command: [sh, -c, "${script}"]
    timeout: 20s
    health:
      critical: value != 0
`;
}

export interface OpsApp {
  app: App;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The whole product through buildApp (real catalog, state, audit, providers, runs, server), on
 * port 0, against a fake Slack when one is given.
 */
export async function startOpsApp(input: {
  dataDir: string;
  runbooksDir: string;
  slack?: FakeSlack;
  redisUrl?: string;
  defaultChannel?: string;
  configYaml?: string;
  approvers?: string[];
}): Promise<OpsApp> {
  let configFile: string | undefined;
  if (input.configYaml !== undefined) {
    configFile = join(input.dataDir, 'runbook-config.yaml');
    await writeFile(configFile, input.configYaml);
  }
  const env: Record<string, string> = {
    RUNBOOK_DATA_DIR: input.dataDir,
    RUNBOOK_RUNBOOKS_DIR: input.runbooksDir,
    ALERTMANAGER_WEBHOOK_TOKEN: ALERTMANAGER_TOKEN,
    PAGERDUTY_WEBHOOK_SECRET: PAGERDUTY_SECRET,
    DATADOG_WEBHOOK_TOKEN: DATADOG_TOKEN,
    RUNBOOK_APPROVERS: (input.approvers ?? ['U0BOB']).join(','),
    LOG_LEVEL: 'silent',
    ...(input.defaultChannel ? { RUNBOOK_DEFAULT_CHANNEL: input.defaultChannel } : {}),
    ...(input.redisUrl ? { REDIS_URL: input.redisUrl } : {}),
    ...(configFile ? { RUNBOOK_CONFIG: configFile } : {}),
    ...(input.slack
      ? {
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: input.slack.apiUrl,
        }
      : {}),
  };
  const app = await buildApp(loadConfig(env, input.dataDir), {
    slack: input.slack !== undefined,
    processEnv: { PATH: process.env['PATH'] },
    slackOptions: {
      postIntervalMs: 5,
      parentUpdateIntervalMs: 50,
      webClientRetries: 0,
      userGroupCacheMs: 1000,
      drainTimeoutMs: 2000,
    },
  });
  try {
    const { port } = await app.start(0);
    if (port === undefined) throw new Error('the app did not report its port');
    let stopped: Promise<void> | undefined;
    return { app, port, url: `http://127.0.0.1:${port}`, stop: () => (stopped ??= app.stop()) };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

export interface AuditLine {
  type: string;
  actor: string;
  run_id: string | null;
  data: Record<string, unknown> & {
    alert?: unknown;
    alerts?: unknown;
    approvalId?: unknown;
    channel?: unknown;
    reason?: unknown;
    runbooks?: unknown;
    slot?: unknown;
    status?: unknown;
  };
}

export async function readAudit(path: string): Promise<AuditLine[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditLine);
}

/** Polls `predicate` until it returns something truthy; rejects after `timeoutMs`. */
export async function eventually<T>(
  predicate: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await predicate();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
