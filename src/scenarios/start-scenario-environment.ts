import { errorMessage, RunbookError } from '../errors/index.ts';
import type { AlertInfo } from '../investigation/types.ts';
import {
  type FakeKubernetesApi,
  loadKubernetesFixture,
  startFakeKubernetesApi,
} from './kubernetes-api/index.ts';
import { type RunningPrometheus, startPrometheus } from './prometheus/index.ts';
import { serveHttpService } from './serve-http-services.ts';
import type { Scenario, ScenarioExpectation } from './types.ts';

export interface ScenarioEnvironmentOptions {
  /** The instant the alert fires; default the real clock. */
  now?: Date;
  signal?: AbortSignal;
  /** Let the fake Kubernetes API apply writes (the demo shows a restart taking effect). Default off. */
  applyKubernetesWrites?: boolean;
  /** Binaries for Prometheus; default `prometheus` and `promtool` from the PATH. */
  prometheusCommands?: { prometheus?: string; promtool?: string };
  /** Where Prometheus' private data directory goes; default the OS temp dir. */
  tempRoot?: string;
}

/** A scenario's environment on loopback, and the configuration that points Runbook at it. */
export interface ScenarioEnvironment {
  scenario: Scenario;
  now: Date;
  /** PROMETHEUS_URL, KUBECONFIG, KUBE_CONTEXT, RUNBOOK_HOST_OVERRIDES (`name=127.0.0.1:port,…`), as available. */
  env: Record<string, string>;
  prometheusUrl?: string;
  /** Why there is no Prometheus (not installed); the run continues with the evidence it can gather. */
  prometheusUnavailable?: string;
  kubernetes?: FakeKubernetesApi;
  /** Service name → `http://127.0.0.1:<port>`. */
  services: Record<string, string>;
  alert: AlertInfo;
  expect: ScenarioExpectation;
  /** Stops everything and removes every temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

async function runCleanups(cleanups: Array<() => Promise<void>>): Promise<void> {
  const failures: string[] = [];
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      failures.push(errorMessage(error));
    }
  }
  if (failures.length > 0) {
    throw new RunbookError('provider.failed', `scenario environment teardown: ${failures.join('; ')}`);
  }
}

function emptyFixtureYaml(): string {
  return 'objects: []\n';
}

/**
 * Stands a scenario's environment up on loopback: a real Prometheus backfilled from metrics.yaml, a fake
 * Kubernetes API serving kubernetes.yaml (timestamps shifted to `now`; writes recorded, not applied) and the
 * HTTP services. Both APIs always come up, empty when the scenario has no file for them, so that Runbook never
 * falls through to a real cluster. On a partial failure, whatever started is stopped before the error is thrown.
 */
export async function startScenarioEnvironment(
  scenario: Scenario,
  options: ScenarioEnvironmentOptions = {},
): Promise<ScenarioEnvironment> {
  const now = options.now ?? new Date();
  const cleanups: Array<() => Promise<void>> = [];
  try {
    let prometheus: RunningPrometheus | undefined;
    let prometheusUnavailable: string | undefined;
    try {
      prometheus = await startPrometheus({
        metrics: scenario.metrics,
        now,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.prometheusCommands ? { commands: options.prometheusCommands } : {}),
        ...(options.tempRoot !== undefined ? { tempRoot: options.tempRoot } : {}),
      });
      cleanups.push(prometheus.stop);
    } catch (error) {
      if (!(error instanceof RunbookError && error.code === 'provider.not_configured')) throw error;
      prometheusUnavailable = error.message;
    }

    const fixture = loadKubernetesFixture(scenario.kubernetes?.text ?? emptyFixtureYaml(), {
      now,
      file: scenario.kubernetes?.file ?? 'kubernetes.yaml',
    });
    const kubernetes = await startFakeKubernetesApi(fixture, {
      ...(options.applyKubernetesWrites !== undefined ? { applyWrites: options.applyKubernetesWrites } : {}),
    });
    cleanups.push(kubernetes.stop);

    const services: Record<string, string> = {};
    const overrides: string[] = [];
    for (const [name, service] of Object.entries(scenario.services)) {
      const served = await serveHttpService(name, service);
      cleanups.push(served.stop);
      services[name] = served.url;
      overrides.push(`${name}=${served.address}`);
    }

    const env: Record<string, string> = { KUBECONFIG: kubernetes.kubeconfigPath, KUBE_CONTEXT: 'fake' };
    if (prometheus) env['PROMETHEUS_URL'] = prometheus.url;
    if (overrides.length > 0) env['RUNBOOK_HOST_OVERRIDES'] = overrides.join(',');

    let stopped: Promise<void> | undefined;
    return {
      scenario,
      now,
      env,
      ...(prometheus ? { prometheusUrl: prometheus.url } : {}),
      ...(prometheusUnavailable !== undefined ? { prometheusUnavailable } : {}),
      kubernetes,
      services,
      alert: {
        name: scenario.alert.name,
        source: scenario.alert.source,
        labels: { ...scenario.alert.labels },
        startsAt: now.toISOString(),
        ...(scenario.alert.severity !== undefined ? { severity: scenario.alert.severity } : {}),
        ...(scenario.alert.summary !== undefined ? { summary: scenario.alert.summary } : {}),
      },
      expect: scenario.expect,
      stop: () => {
        stopped ??= runCleanups(cleanups);
        return stopped;
      },
    };
  } catch (error) {
    await runCleanups(cleanups).catch((cleanupError: unknown) => {
      throw new RunbookError(
        'provider.failed',
        `${errorMessage(error)} (and the teardown failed too: ${errorMessage(cleanupError)})`,
        { cause: error },
      );
    });
    throw error;
  }
}
