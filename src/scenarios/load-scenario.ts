import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { errorMessage, RunbookError } from '../errors/index.ts';
import { loadKubernetesFixture } from './kubernetes-api/index.ts';
import { parseMetricsFile } from './prometheus/index.ts';
import { scenarioFileSchema } from './scenario-schema.ts';
import type { Scenario, ScenarioService } from './types.ts';
import { validateYaml } from './validate-yaml.ts';
import { parseYamlSource } from './yaml-source.ts';

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RunbookError('scenario.invalid', `${path}: cannot read: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

/**
 * Loads a scenario folder (shared/scenarios/FORMAT.md): scenario.yaml, and metrics.yaml and kubernetes.yaml
 * when present. Throws ScenarioValidationError (`scenario.invalid`) with `file:line: field: message` lines.
 */
export async function loadScenario(dir: string): Promise<Scenario> {
  const root = resolve(dir);
  const scenarioPath = join(dir, 'scenario.yaml');
  const text = await readOptional(scenarioPath);
  if (text === undefined) {
    throw new RunbookError(
      'scenario.invalid',
      `${scenarioPath}: not found: a scenario folder holds scenario.yaml (and optionally metrics.yaml, kubernetes.yaml)`,
    );
  }
  const file = validateYaml(parseYamlSource(text, scenarioPath), scenarioFileSchema);
  const services: Record<string, ScenarioService> = {};
  for (const [name, service] of Object.entries(file.services ?? {})) {
    services[name] = {
      path: service.path,
      status: service.status,
      latencyMs: service.latency_ms,
      ...(service.body !== undefined ? { body: service.body } : {}),
    };
  }
  const scenario: Scenario = {
    id: file.id,
    title: file.title ?? file.id,
    dir: root,
    alert: {
      source: file.alert.source,
      name: file.alert.name,
      labels: file.alert.labels,
      ...(file.alert.severity !== undefined ? { severity: file.alert.severity } : {}),
      ...(file.alert.summary !== undefined ? { summary: file.alert.summary } : {}),
    },
    services,
    expect: {
      rootCause: file.expect.root_cause,
      ...(file.expect.resource !== undefined ? { resource: file.expect.resource } : {}),
      ...(file.expect.remediation !== undefined ? { remediation: file.expect.remediation } : {}),
    },
  };
  const metricsPath = join(dir, 'metrics.yaml');
  const metricsText = await readOptional(metricsPath);
  if (metricsText !== undefined) scenario.metrics = parseMetricsFile(metricsText, metricsPath);
  const kubernetesPath = join(dir, 'kubernetes.yaml');
  const kubernetesText = await readOptional(kubernetesPath);
  if (kubernetesText !== undefined) {
    // Validate now (the shift applied at start-up does not change what is valid).
    loadKubernetesFixture(kubernetesText, { now: new Date(), file: kubernetesPath });
    scenario.kubernetes = { file: kubernetesPath, text: kubernetesText };
  }
  return scenario;
}

/** A scenario folder itself, or every folder directly inside `path` that holds a scenario.yaml (sorted). */
export async function findScenarioDirs(path: string): Promise<string[]> {
  const root = resolve(path);
  if ((await readOptional(join(root, 'scenario.yaml'))) !== undefined) return [root];
  const info = await stat(root).catch((error: unknown) => {
    throw new RunbookError('scenario.invalid', `${root}: ${errorMessage(error)}`, { cause: error });
  });
  if (!info.isDirectory()) throw new RunbookError('scenario.invalid', `${root}: not a scenario folder`);
  const entries = await readdir(root, { withFileTypes: true });
  const dirs: string[] = [];
  for (const entry of entries
    .filter((candidate) => candidate.isDirectory())
    .sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const candidate = join(root, entry.name);
    if ((await readOptional(join(candidate, 'scenario.yaml'))) !== undefined) dirs.push(candidate);
  }
  if (dirs.length === 0) {
    throw new RunbookError(
      'scenario.invalid',
      `${root}: no scenario.yaml here nor in its sub-folders (${basename(root)}/*/scenario.yaml)`,
    );
  }
  return dirs;
}
