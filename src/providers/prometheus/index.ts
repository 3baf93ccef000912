export { createPrometheusProvider, type PrometheusProviderOptions } from './create-prometheus-provider.ts';
