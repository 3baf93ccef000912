export { describeProgress } from './describe-progress.ts';
export { formatDuration, formatValue, truncate } from './format-value.ts';
export { type ReportRunbookInfo, renderRunReport } from './markdown-report.ts';
export { createProgressRenderer, type ProgressRenderer } from './progress-renderer.ts';
