export {
  allowListedEnv,
  type CommandProviderOptions,
  createCommandProvider,
  type ProcessRequest,
  type ProcessResult,
  quoteArgv,
  runProcess,
} from './command/index.ts';
export { createProviders, type ProvidersOptions } from './create-providers.ts';
export { createDatabaseProvider, describePgError, inTransaction, type SqlRows } from './database/index.ts';
export {
  createDatadogLogSource,
  createDatadogLogsProvider,
  createDatadogQueryProvider,
  type DatadogProviderOptions,
  getMonitorState,
  type MonitorState,
} from './datadog/index.ts';
export { createHttpCheckProvider, type HttpCheckOptions } from './http/index.ts';
export { compileLinePredicate, createLogSearchProvider } from './logs/index.ts';
export { notConfiguredResult } from './not-configured.ts';
export { createPrometheusProvider, type PrometheusProviderOptions } from './prometheus/index.ts';
export { formatNumber, primaryValue, summarizeSeries } from './series-value.ts';
export type {
  CheckContext,
  CheckResult,
  LogLine,
  LogSource,
  Provider,
  ProviderRegistry,
  SeriesPoint,
} from './types.ts';
export { errorResult } from './types.ts';
