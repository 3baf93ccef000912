import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckOutcome, ProgressEvent } from '../engine/events.ts';
import { chartForCheck } from './chart-for-check.ts';
import { renderChartPng } from './render-chart.ts';

/** What a saved report needs from a run record. */
export interface ReportSource {
  id: string;
  startedAt: string;
  events: readonly ProgressEvent[];
  reportMarkdown?: string;
}

const MAX_CHARTS = 20;

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 80);
}

/**
 * Writes `<dir>/<run>.md` (the Markdown report, with the charts linked at the end) and one
 * `<dir>/<run>-<check>.png` per check that has a range series. Returns the paths written.
 */
export async function saveReportWithCharts(
  run: ReportSource,
  dir: string,
  alertStartsAt?: string,
): Promise<{ report: string; charts: string[] }> {
  await mkdir(dir, { recursive: true });
  const startedAt = alertStartsAt ?? run.startedAt;
  const marker = {
    atSeconds: Date.parse(startedAt) / 1000,
    label: alertStartsAt ? 'alert fired' : 'run started',
  };
  const checks = run.events
    .filter(
      (event): event is Extract<ProgressEvent, { type: 'check.finished' }> => event.type === 'check.finished',
    )
    .map((event) => event.outcome);
  const seen = new Set<string>();
  const charts: Array<{ outcome: CheckOutcome; file: string }> = [];
  for (const outcome of checks) {
    const spec = chartForCheck(outcome, marker);
    if (!spec || seen.has(outcome.checkId) || charts.length >= MAX_CHARTS) continue;
    seen.add(outcome.checkId);
    const file = `${safeName(run.id)}-${safeName(outcome.checkId)}.png`;
    await writeFile(join(dir, file), renderChartPng(spec));
    charts.push({ outcome, file });
  }
  const links = charts.map(({ outcome, file }) => `![${outcome.name}](${file})`);
  const markdown = [
    (run.reportMarkdown ?? `# Run ${run.id}\n\nThe run ended without a report.\n`).trimEnd(),
    ...(links.length > 0 ? ['', '## Charts', '', ...links] : []),
    '',
  ].join('\n');
  const report = join(dir, `${safeName(run.id)}.md`);
  await writeFile(report, markdown, 'utf8');
  return { report, charts: charts.map(({ file }) => join(dir, file)) };
}
