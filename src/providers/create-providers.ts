import type { Config } from '../config/index.ts';
import type { FetchLike } from '../net/index.ts';
import { createCommandProvider } from './command/index.ts';
import { createDatabaseProvider } from './database/index.ts';
import {
  createDatadogLogSource,
  createDatadogLogsProvider,
  createDatadogQueryProvider,
} from './datadog/index.ts';
import { createHttpCheckProvider } from './http/index.ts';
import {
  createKubernetesLogSource,
  createKubernetesProvider,
  type KubernetesProviderOptions,
} from './kubernetes/index.ts';
import { createLogSearchProvider } from './logs/index.ts';
import { createPrometheusProvider } from './prometheus/index.ts';
import type { ProviderRegistry } from './types.ts';

export interface ProvidersOptions {
  /** The transport every HTTP provider uses (Prometheus, Datadog); default the global fetch. */
  fetch?: FetchLike | typeof fetch;
  /** Runbook's environment; commands inherit only PATH, HOME and LANG from it. */
  processEnv?: Readonly<Record<string, string | undefined>>;
  kubernetes?: KubernetesProviderOptions;
  /** Extra trusted CA (PEM) for HTTP checks of internal services. */
  httpCa?: string;
}

/** Every read-side provider, wired from the Config. Missing settings give providers that say "not configured". */
export function createProviders(config: Config, options: ProvidersOptions = {}): ProviderRegistry {
  const fetchOption = options.fetch ? { fetch: options.fetch as FetchLike } : {};
  const datadog = config.datadog;
  return {
    prometheus_query: createPrometheusProvider(config.prometheus, fetchOption),
    database_query: createDatabaseProvider(config.databases),
    datadog_query: createDatadogQueryProvider(datadog, fetchOption),
    datadog_logs: createDatadogLogsProvider(datadog, fetchOption),
    kubernetes: createKubernetesProvider(config.kubernetes, options.kubernetes),
    http_check: createHttpCheckProvider({
      hostOverrides: config.hostOverrides,
      ...(options.httpCa === undefined ? {} : { ca: options.httpCa }),
    }),
    command: createCommandProvider(options.processEnv ? { processEnv: options.processEnv } : {}),
    log_search: createLogSearchProvider([
      createKubernetesLogSource(config.kubernetes, options.kubernetes),
      createDatadogLogSource(datadog, fetchOption),
    ]),
  };
}
