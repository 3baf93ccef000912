import type { Config } from '../../config/index.ts';
import { parseDurationMs } from '../../runbooks/schema.ts';
import { type CheckResult, errorResult, type Provider } from '../types.ts';
import { describeKubernetesError } from './describe-error.ts';
import { type KubernetesClientOptions, loadKubernetesClient } from './kubernetes-client.ts';
import { CheckProblem, type KubernetesStep, runKubernetesCheck } from './run-kubernetes-check.ts';

const DEFAULT_TIMEOUT_MS = 10_000;

export type KubernetesProviderOptions = KubernetesClientOptions;

/** What was asked, for evidence links: `kubernetes pods namespace=production workload=checkout`. */
export function describeKubernetesQuery(step: KubernetesStep, defaultNamespace: string): string {
  const parts = [`kubernetes ${step.resource}`, `namespace=${step.namespace ?? defaultNamespace}`];
  for (const key of ['workload', 'labelSelector', 'container', 'tailLines', 'since', 'previous'] as const) {
    if (step[key] !== undefined) parts.push(`${key}=${String(step[key])}`);
  }
  return parts.join(' ');
}

/**
 * The `kubernetes` diagnostic provider (see README.md in this folder for every field). Never
 * throws: API failures, timeouts and a missing kubeconfig come back as `status: 'error'` results.
 */
export function createKubernetesProvider(
  config: Config['kubernetes'],
  options: KubernetesProviderOptions = {},
): Provider<'kubernetes'> {
  const loaded = loadKubernetesClient(config, options);
  return {
    type: 'kubernetes',
    isConfigured: loaded.ok,
    async check(step, context): Promise<CheckResult> {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      if (!loaded.ok) {
        return errorResult(
          `kubernetes: not configured — ${loaded.reason}`,
          elapsed(),
          describeKubernetesQuery(step, 'default'),
        );
      }
      const client = loaded.client;
      const query = describeKubernetesQuery(step, client.defaultNamespace);
      const timeoutMs = (step.timeout ? parseDurationMs(step.timeout) : undefined) ?? DEFAULT_TIMEOUT_MS;
      const signal = AbortSignal.any([context.signal, AbortSignal.timeout(timeoutMs)]);
      try {
        const body = await runKubernetesCheck(client, step, context.now, signal);
        return { status: 'ok', series: [], ...body, query, durationMs: elapsed() };
      } catch (error) {
        const reason =
          error instanceof CheckProblem
            ? error.message
            : describeKubernetesError(error, context.signal.aborted ? undefined : timeoutMs);
        return errorResult(`kubernetes ${step.resource} (${client.label}): ${reason}`, elapsed(), query);
      }
    },
  };
}
