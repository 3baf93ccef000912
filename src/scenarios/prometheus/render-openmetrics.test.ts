import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMetricsFile } from './parse-metrics-file.ts';
import { renderOpenMetrics } from './render-openmetrics.ts';

const NOW_MS = Date.parse('2026-01-01T12:00:00.250Z');

test('renders one sample per interval with the last sample at now, gaps left out', () => {
  const metrics = parseMetricsFile(
    [
      'interval: 1m',
      'series:',
      `  - series: 'http_requests_total{service="a", code="200"}'`,
      `    values: '0+10x2'`,
      `  - series: 'kube_pod_status_ready{pod="p\\"q"}'`,
      `    values: '1 _ stale'`,
      `  - series: 'probe_success'`,
      `    values: 'NaN -Inf'`,
    ].join('\n'),
    'm.yaml',
  );
  const nowSeconds = NOW_MS / 1000;
  assert.equal(
    renderOpenMetrics(metrics, NOW_MS),
    [
      '# TYPE http_requests_total unknown',
      `http_requests_total{service="a",code="200"} 0 ${(nowSeconds - 120).toFixed(3)}`,
      `http_requests_total{service="a",code="200"} 10 ${(nowSeconds - 60).toFixed(3)}`,
      `http_requests_total{service="a",code="200"} 20 ${nowSeconds.toFixed(3)}`,
      '# TYPE kube_pod_status_ready unknown',
      `kube_pod_status_ready{pod="p\\"q"} 1 ${(nowSeconds - 120).toFixed(3)}`,
      '# TYPE probe_success unknown',
      `probe_success NaN ${(nowSeconds - 60).toFixed(3)}`,
      `probe_success -Inf ${nowSeconds.toFixed(3)}`,
      '# EOF',
      '',
    ].join('\n'),
  );
});

test('keeps series of one family together even when the file interleaves them', () => {
  const metrics = parseMetricsFile(
    "series:\n  - {series: 'a{x=\"1\"}', values: '1'}\n  - {series: b, values: '2'}\n  - {series: 'a{x=\"2\"}', values: '3'}\n",
    'm.yaml',
  );
  const lines = renderOpenMetrics(metrics, NOW_MS).split('\n');
  assert.deepEqual(
    lines.map((line) => line.split(' ')[0]),
    ['#', 'a{x="1"}', 'a{x="2"}', '#', 'b', '#', ''],
  );
});
