export type { DatadogCallOptions, DatadogSettings } from './create-datadog-configuration.ts';
export { datadogBaseUrl } from './create-datadog-configuration.ts';
export { createDatadogLogSource, datadogLogQuery } from './create-datadog-log-source.ts';
export { createDatadogLogsProvider, createDatadogQueryProvider } from './create-datadog-providers.ts';
export type { DatadogProviderOptions } from './datadog-provider-options.ts';
export { getMonitorState, type MonitorState } from './get-monitor-state.ts';
