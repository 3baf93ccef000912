import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScenarioValidationError } from '../scenario-error.ts';
import { parseMetricsFile } from './parse-metrics-file.ts';
import { parseSeriesSelector } from './parse-series-selector.ts';

test('parses series selectors with escaped, single-quoted and __name__ labels', () => {
  assert.deepEqual(parseSeriesSelector('http_requests_total{service="a", code="200"}'), {
    name: 'http_requests_total',
    labels: { service: 'a', code: '200' },
  });
  assert.deepEqual(parseSeriesSelector(`{__name__="up", job='x', path="a\\"b\\\\c",}`), {
    name: 'up',
    labels: { job: 'x', path: 'a"b\\c' },
  });
  assert.deepEqual(parseSeriesSelector('node_load1'), { name: 'node_load1', labels: {} });
  assert.throws(() => parseSeriesSelector('{job="x"}'), /metric name/);
  assert.throws(() => parseSeriesSelector('up{job="x"'), /expected/);
});

test('reads interval and series from metrics.yaml', () => {
  const metrics = parseMetricsFile(
    "interval: 30s\nseries:\n  - series: 'up{job=\"api\"}'\n    values: '1x2'\n  - series: x\n    values: 5\n",
    'metrics.yaml',
  );
  assert.equal(metrics.intervalMs, 30_000);
  assert.equal(metrics.series.length, 2);
  assert.deepEqual(metrics.series[0]?.samples, [1, 1, 1]);
  assert.equal(metrics.series[0]?.line, 3);
  assert.deepEqual(metrics.series[1]?.samples, [5]);
});

test('defaults the interval to one minute and accepts promtool input_series', () => {
  const metrics = parseMetricsFile("input_series:\n  - series: up\n    values: '1 0'\n", 'm.yaml');
  assert.equal(metrics.intervalMs, 60_000);
  assert.deepEqual(metrics.series[0]?.samples, [1, 0]);
});

test('reports bad values and selectors as file:line: field: message', () => {
  const text =
    "interval: 1m\nseries:\n  - series: up\n    values: '1 2 oops'\n  - series: 'up{'\n    values: '1'\n";
  assert.throws(
    () => parseMetricsFile(text, 'scen/metrics.yaml'),
    (error: unknown) => {
      assert.ok(error instanceof ScenarioValidationError);
      assert.equal(error.code, 'scenario.invalid');
      assert.equal(error.issues.length, 2);
      assert.match(error.message, /^scen\/metrics\.yaml:4: series\[0\]\.values: .*"oops"/m);
      assert.match(error.message, /^scen\/metrics\.yaml:5: series\[1\]\.series: /m);
      return true;
    },
  );
});

test('reports a bad interval and malformed YAML with their lines', () => {
  assert.throws(
    () => parseMetricsFile("series: []\ninterval: 'soon'\n", 'm.yaml'),
    /m\.yaml:2: interval: expected a duration/,
  );
  assert.throws(() => parseMetricsFile('series:\n  - series: [\n', 'm.yaml'), /m\.yaml:\d+: \(yaml\): /);
  assert.throws(() => parseMetricsFile('interval: 1m\n', 'm.yaml'), /m\.yaml:1: series: required/);
});

test('rejects the same series listed twice', () => {
  assert.throws(
    () =>
      parseMetricsFile(
        'series:\n  - {series: \'up{a="1",b="2"}\', values: \'1\'}\n  - {series: \'up{b="2", a="1"}\', values: \'2\'}\n',
        'm.yaml',
      ),
    /m\.yaml:3: series\[1\]\.series: the same series as series\[0\]/,
  );
});
