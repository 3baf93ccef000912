export { expandSeriesValues, type SeriesSample } from './expand-series-values.ts';
export { parsePrometheusDuration } from './parse-duration.ts';
export { type MetricSeries, type MetricsFile, parseMetricsFile } from './parse-metrics-file.ts';
export { renderOpenMetrics } from './render-openmetrics.ts';
export { INSTALL_HINT } from './run-tool.ts';
export { type RunningPrometheus, type StartPrometheusOptions, startPrometheus } from './start-prometheus.ts';
