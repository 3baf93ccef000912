import { resolve } from 'node:path';
import { errorMessage, RunbookError } from '../../errors/index.ts';
import { loadScenario, type ScenarioEnvironment, startScenarioEnvironment } from '../../scenarios/index.ts';
import type { CliCommand, CliIO } from '../types.ts';

const usage = [
  'Usage: runbook env up <scenario-folder>',
  '',
  "Stands a scenario's environment up on loopback (Prometheus backfilled from metrics.yaml, a Kubernetes API",
  'serving kubernetes.yaml, the HTTP services), prints `export NAME=value` lines that point Runbook at it,',
  'and stays up until interrupted (Ctrl-C), then tears everything down.',
].join('\n');

/** Variables the environment may set; the ones it does not set are unset so that nothing reaches a real system. */
const MANAGED_VARIABLES = ['PROMETHEUS_URL', 'KUBECONFIG', 'KUBE_CONTEXT', 'RUNBOOK_HOST_OVERRIDES'];

/** Quotes a value for POSIX shells: bare when safe, else single-quoted. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:,=@%+-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

function exportLines(environment: ScenarioEnvironment): string {
  const lines = Object.entries(environment.env).map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  for (const name of MANAGED_VARIABLES) {
    if (!(name in environment.env)) lines.push(`unset ${name}`);
  }
  return `${lines.join('\n')}\n`;
}

function describe(environment: ScenarioEnvironment): string {
  const { scenario, alert } = environment;
  const labels = Object.entries(alert.labels)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  const lines = [
    `Scenario ${scenario.id}: ${scenario.title}`,
    `  alert      ${alert.name}${alert.severity ? ` (${alert.severity})` : ''} from ${alert.source}: ${labels}`,
  ];
  if (alert.summary) lines.push(`             ${alert.summary}`);
  if (environment.prometheusUrl) lines.push(`  prometheus ${environment.prometheusUrl}`);
  else lines.push(`  prometheus unavailable: ${environment.prometheusUnavailable ?? 'not started'}`);
  if (environment.kubernetes)
    lines.push(`  kubernetes ${environment.kubernetes.url} (writes are recorded, not applied)`);
  for (const [name, url] of Object.entries(environment.services)) lines.push(`  service    ${name} → ${url}`);
  lines.push('Paste the export lines above into another shell. Ctrl-C here tears the environment down.');
  return `${lines.join('\n')}\n`;
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolveWait) => signal.addEventListener('abort', () => resolveWait(), { once: true }));
}

async function up(folder: string, io: CliIO): Promise<number> {
  const scenario = await loadScenario(resolve(io.cwd, folder));
  const environment = await startScenarioEnvironment(scenario, { signal: io.signal });
  try {
    io.stdout.write(exportLines(environment));
    io.stderr.write(describe(environment));
    await waitForAbort(io.signal);
    io.stderr.write('Tearing the environment down…\n');
  } finally {
    await environment.stop();
  }
  const writes = environment.kubernetes?.writes() ?? [];
  io.stderr.write(`Stopped. The Kubernetes API recorded ${writes.length} write(s).\n`);
  return 0;
}

/** `runbook env up <scenario-folder>` (INTERFACE.md). */
export const envCommand: CliCommand = {
  summary:
    "Stand a scenario's environment up and print the exports that point Runbook at it (env up <folder>)",
  usage,
  async run(args, io) {
    const [subcommand, folder, ...rest] = args;
    if (subcommand !== 'up' || folder === undefined || rest.length > 0) {
      io.stderr.write(`${usage}\n`);
      return 2;
    }
    try {
      return await up(folder, io);
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
      io.stderr.write(`runbook env up: ${errorMessage(error)}\n`);
      return 1;
    }
  },
};
