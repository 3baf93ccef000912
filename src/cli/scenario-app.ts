import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, type AppOverrides, buildApp } from '../app.ts';
import { loadConfig } from '../config/index.ts';
import { loadScenario, type ScenarioEnvironment, startScenarioEnvironment } from '../scenarios/index.ts';

/** Variables a scenario run keeps from the caller's environment; everything it observes comes from the scenario. */
const KEPT_VARIABLES = [
  'RUNBOOK_RUNBOOKS_DIR',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_BASE_URL',
  'RUNBOOK_MODEL',
  'LOG_LEVEL',
  'PATH',
  'HOME',
  'LANG',
];

export interface ScenarioAppOptions {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Where state and the audit log go; a temp dir (removed afterwards) when not given. */
  dataDir?: string;
  applyKubernetesWrites?: boolean;
  /** More variables to take from `env` (the demo keeps Slack's when it posts to a channel). */
  keepVariables?: readonly string[];
  overrides?: AppOverrides;
  signal?: AbortSignal;
}

/**
 * Stands a scenario's environment up, builds the product pointed at it (the same `buildApp` as
 * Slack and the CLI), hands both to `use`, and tears everything down afterwards, even on failure.
 */
export async function withScenarioApp<T>(
  scenarioDir: string,
  options: ScenarioAppOptions,
  use: (app: App, environment: ScenarioEnvironment) => Promise<T>,
): Promise<T> {
  const scenario = await loadScenario(scenarioDir);
  const environment = await startScenarioEnvironment(scenario, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.applyKubernetesWrites ? { applyKubernetesWrites: true } : {}),
  });
  const tempDataDir = options.dataDir ? undefined : await mkdtemp(join(tmpdir(), 'runbook-scenario-'));
  try {
    const names = [...KEPT_VARIABLES, ...(options.keepVariables ?? [])];
    const kept = Object.fromEntries(names.map((name) => [name, options.env[name]]));
    const config = loadConfig(
      {
        LOG_LEVEL: 'warn',
        ...kept,
        ...environment.env,
        RUNBOOK_DATA_DIR: options.dataDir ?? tempDataDir,
      },
      options.cwd,
    );
    const app = await buildApp(config, { processEnv: kept, slack: false, ...options.overrides });
    try {
      return await use(app, environment);
    } finally {
      await app.stop();
    }
  } finally {
    await environment.stop();
    if (tempDataDir) await rm(tempDataDir, { recursive: true, force: true });
  }
}
