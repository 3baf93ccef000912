import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyAuditLog } from '../../audit/index.ts';
import { errorMessage } from '../../errors/index.ts';
import { findScenarioDirs } from '../../scenarios/index.ts';
import { createProgressRenderer } from '../render/index.ts';
import { withScenarioApp } from '../scenario-app.ts';
import type { CliCommand, CliIO } from '../types.ts';
import { describePlan, pendingApprovals } from './run-approvals.ts';

const BUNDLED_SCENARIOS = fileURLToPath(new URL('../../../test/scenarios/', import.meta.url));
const DEFAULT_SCENARIO = 'checkout-bad-deploy';
const DEMO_ACTOR = 'cli:demo';
const SLACK_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'PORT',
  'RUNBOOK_DEFAULT_CHANNEL',
  'RUNBOOK_APPROVERS',
];
const APPROVAL_POLL_MS = 1000;

const usage = `Usage: npm run demo [-- --scenario <id or folder>] [--list]

A whole incident in the terminal, on embedded defaults (no Slack workspace, no API key): the
scenario's environment comes up on loopback, the alert fires, the investigation runs live, the
proposed remediation asks for your approval, runs against the local Kubernetes API, is validated,
and the audit log is verified. Scenarios: test/scenarios/ (default ${DEFAULT_SCENARIO}).`;

function scenarioDir(choice: string, cwd: string): string | undefined {
  for (const candidate of [resolve(cwd, choice), join(BUNDLED_SCENARIOS, choice)]) {
    if (existsSync(join(candidate, 'scenario.yaml'))) return candidate;
  }
  return undefined;
}

function heading(io: CliIO, text: string): void {
  io.stdout.write(`\n── ${text} ${'─'.repeat(Math.max(0, 70 - text.length))}\n`);
}

async function listScenarios(io: CliIO): Promise<number> {
  const dirs = await findScenarioDirs(BUNDLED_SCENARIOS);
  for (const dir of dirs) io.stdout.write(`${dir.split('/').filter(Boolean).at(-1)}\n`);
  return 0;
}

/** Waits until an approval is decided in Slack (or expires, or Ctrl-C). */
async function waitForDecision(
  approvals: { get(id: string): Promise<{ status: string } | undefined> },
  approvalId: string,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    const approval = await approvals.get(approvalId);
    if (!approval || !['pending', 'approved'].includes(approval.status)) return;
    await new Promise((resolve) => setTimeout(resolve, APPROVAL_POLL_MS));
  }
}

export const demoCommand: CliCommand = {
  summary: 'A whole incident in the terminal on embedded defaults (no Slack, no API key)',
  usage,
  async run(args, io) {
    let choice = DEFAULT_SCENARIO;
    for (let index = 0; index < args.length; index += 1) {
      const arg = args[index] ?? '';
      if (arg === '--list') return listScenarios(io);
      if (arg === '--scenario' || arg.startsWith('--scenario=')) {
        const value = arg.includes('=') ? arg.slice('--scenario='.length) : args[++index];
        if (!value) {
          io.stderr.write('demo: --scenario expects a scenario id or folder\n');
          return 2;
        }
        choice = value;
      } else {
        io.stderr.write(`demo: unknown argument ${arg}\n\n${usage}\n`);
        return 2;
      }
    }
    const dir = scenarioDir(choice, io.cwd);
    if (!dir) {
      io.stderr.write(`demo: no scenario "${choice}" (try --list)\n`);
      return 2;
    }
    const dataDir = resolve(io.cwd, io.env['RUNBOOK_DATA_DIR'] ?? '.runbook', 'demo');
    // With Slack credentials and a channel (e.g. in .env), the incident plays out in that channel.
    const slackChannel =
      io.env['SLACK_BOT_TOKEN'] && (io.env['SLACK_APP_TOKEN'] || io.env['SLACK_SIGNING_SECRET'])
        ? io.env['RUNBOOK_DEFAULT_CHANNEL']
        : undefined;
    const renderer = createProgressRenderer(io.stdout, { tty: io.stdout.isTTY === true });
    try {
      return await withScenarioApp(
        dir,
        {
          env: io.env,
          cwd: io.cwd,
          dataDir,
          applyKubernetesWrites: true,
          signal: io.signal,
          ...(slackChannel
            ? { keepVariables: SLACK_VARIABLES, overrides: { slack: true } }
            : // The person at the terminal is the demo's only approver.
              { overrides: { approvalPolicy: { approvers: [DEMO_ACTOR], allowSelfApproveHighRisk: true } } }),
        },
        async (app, environment) => {
          const { scenario, alert } = environment;
          heading(io, `Incident: ${scenario.title}`);
          if (environment.prometheusUnavailable) {
            io.stdout.write(
              `! ${environment.prometheusUnavailable}\n  Continuing with the evidence we can gather.\n`,
            );
          }
          io.stdout.write(
            `Alert ${alert.name} (${alert.severity ?? 'no severity'}) from ${alert.source}\n` +
              `  labels: ${Object.entries(alert.labels)
                .map(([key, value]) => `${key}=${value}`)
                .join(' ')}\n` +
              (alert.summary ? `  ${alert.summary}\n` : ''),
          );

          heading(io, 'Investigation');
          if (slackChannel && app.slack) {
            const { port } = await app.start();
            const where = app.config.slack.appToken ? 'Socket Mode' : `http://127.0.0.1:${port}/slack/events`;
            io.stdout.write(
              `Posting the investigation to Slack channel ${slackChannel} (Slack requests: ${where}).\n`,
            );
          }
          const slackSink = slackChannel ? app.slack?.threadSink({ channel: slackChannel }) : undefined;
          const handle = await app.runs.startInvestigation(
            {
              trigger: { target: alert.name, alert },
              actor: DEMO_ACTOR,
              origin: { source: 'cli', ...(slackChannel ? { channel: slackChannel } : {}) },
            },
            {
              emit(event) {
                renderer.emit(event);
                return slackSink?.emit(event);
              },
            },
          );
          const record = await handle.done;
          renderer.stop();
          if (record.reportMarkdown) io.stdout.write(`\n${record.reportMarkdown}\n`);

          const [first, ...others] = pendingApprovals(record);
          if (first) {
            heading(io, 'Remediation');
            io.stdout.write(describePlan(first));
            let approve = false;
            if (slackChannel) {
              io.stdout.write(
                `Waiting for an approver (RUNBOOK_APPROVERS) to click Approve or Deny in ${slackChannel}…\n`,
              );
              const unsubscribe = app.runs.subscribe(handle.runId, renderer);
              await waitForDecision(app.approvals, first.approvalId, io.signal);
              unsubscribe();
              renderer.stop();
            } else if (io.prompt) {
              const answer = await io.prompt(`Approve ${first.remediation.remediationId}? [y/N] `);
              approve = ['y', 'yes'].includes(answer?.trim().toLowerCase() ?? '');
            } else {
              io.stdout.write(
                'No terminal to ask: the demo approves on your behalf (its Kubernetes API is a local fake).\n',
              );
              approve = true;
            }
            if (!slackChannel) {
              const unsubscribe = app.runs.subscribe(handle.runId, renderer);
              await app.runs.decideApproval(first.approvalId, approve ? 'approve' : 'deny', {
                id: DEMO_ACTOR,
                via: 'cli',
              });
              unsubscribe();
              renderer.stop();
            }
            const writes = environment.kubernetes?.writes() ?? [];
            for (const write of writes)
              io.stdout.write(`  Kubernetes API received: ${write.method} ${write.path}\n`);
            for (const other of others) {
              io.stdout.write(
                `  Also proposed, left pending: ${other.remediation.name} (${other.approvalId})\n`,
              );
            }
          } else {
            io.stdout.write('\nNothing to remediate.\n');
          }

          heading(io, 'Audit');
          const auditPath = app.config.auditLogPath;
          await app.audit.close();
          const verified = await verifyAuditLog(auditPath);
          io.stdout.write(
            `Audit log: ${relative(io.cwd, auditPath) || auditPath}\n` +
              (verified.ok
                ? `  ok: ${verified.records} records, chain intact (npx runbook audit verify ${relative(io.cwd, auditPath)})\n`
                : `  BROKEN at line ${verified.line}: ${verified.reason}\n`),
          );
          return verified.ok && record.status === 'completed' ? 0 : 1;
        },
      );
    } catch (error) {
      renderer.stop();
      io.stderr.write(`demo: ${errorMessage(error)}\n`);
      return 1;
    }
  },
};
