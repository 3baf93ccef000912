export { chartForCheck, hasChartableSeries } from './chart-for-check.ts';
export { CHART_COLORS, type ChartSpec, GRID, yRange } from './chart-spec.ts';
export { parseThreshold, type Threshold, thresholdsOf } from './parse-threshold.ts';
export { renderChartPng, renderChartSvg } from './render-chart.ts';
export { type ReportSource, saveReportWithCharts } from './save-report.ts';
export { type ChartUnit, formatValue, inferUnit } from './units.ts';
