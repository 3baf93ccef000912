import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import {
  CHART_COLORS,
  type ChartSpec,
  chartForCheck,
  GRID,
  renderChartPng,
  renderChartSvg,
  saveReportWithCharts,
  thresholdsOf,
  yRange,
} from '../../src/charts/index.ts';
import type { CheckOutcome } from '../../src/engine/events.ts';
import { runDiagnostics } from '../../src/engine/index.ts';
import { compileExpression, HEALTH_VARIABLES } from '../../src/expressions/index.ts';
import type { Provider } from '../../src/providers/types.ts';

interface Image {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number];
}

/** A small PNG decoder (8-bit RGB or RGBA, non-interlaced): enough to read what resvg writes. */
function decodePng(png: Buffer): Image {
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.equal(body[8], 8, 'bit depth 8');
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : 0;
      assert.ok(channels > 0, `colour type ${body[9]}`);
      assert.equal(body[12], 0, 'not interlaced');
    } else if (type === 'IDAT') {
      data.push(body);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (pixels[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (pixels[(y - 1) * stride + x - channels] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = Math.floor((left + up) / 2);
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel(x, y) {
      const at = y * stride + x * channels;
      return [pixels[at] ?? 0, pixels[at + 1] ?? 0, pixels[at + 2] ?? 0];
    },
  };
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

const near = (a: readonly number[], b: readonly number[], tolerance = 40) =>
  a.every((channel, index) => Math.abs(channel - (b[index] ?? 0)) <= tolerance);

/** Pixels of `colour` along a row (±1 pixel, to allow for anti-aliasing) across the plot area. */
function countInRow(image: Image, row: number, colour: readonly number[]): number {
  let count = 0;
  for (let x = GRID.left; x < image.width - GRID.right; x += 1) {
    if ([row - 1, row, row + 1].some((y) => near(image.pixel(x, y), colour))) count += 1;
  }
  return count;
}

const START = 1_717_200_000;
const spec: ChartSpec = {
  title: 'DB connection pool usage',
  series: [
    {
      labels: { service: 'payment-service' },
      samples: Array.from({ length: 60 }, (_, i): [number, number] => [START + i * 60, i < 30 ? 0.3 : 0.5]),
    },
  ],
  thresholds: thresholdsOf({ critical: 'value > 0.9', warning: 'value >= 0.7' }),
  unit: 'percent',
  marker: { atSeconds: START + 30 * 60, label: 'alert fired' },
  width: 800,
  height: 400,
};

function rowOf(value: number): number {
  const { min, max } = yRange(spec);
  const plotHeight = 400 - GRID.top - GRID.bottom;
  return Math.round(GRID.top + ((max - value) / (max - min)) * plotHeight);
}

describe('evidence charts', () => {
  const image = decodePng(renderChartPng(spec));

  it('renders a PNG of the requested size', () => {
    assert.equal(image.width, 800);
    assert.equal(image.height, 400);
  });

  it('draws the critical threshold in red and the warning one in orange at their values', () => {
    const critical = countInRow(image, rowOf(0.9), rgb(CHART_COLORS.critical));
    const warning = countInRow(image, rowOf(0.7), rgb(CHART_COLORS.warning));
    // Dashed lines across a ~670 px plot: well over a third of the row is the line's colour.
    assert.ok(critical > 200, `critical pixels on its row: ${critical}`);
    assert.ok(warning > 200, `warning pixels on its row: ${warning}`);
    assert.equal(countInRow(image, rowOf(0.15), rgb(CHART_COLORS.critical)), 0);
  });

  it('draws the series where its values are and marks the alert start', () => {
    const series = rgb(CHART_COLORS.series[0]);
    const leftHalf = Math.round(GRID.left + 100);
    assert.ok([-1, 0, 1].some((dy) => near(image.pixel(leftHalf, rowOf(0.3) + dy), series)));
    const plotWidth = 800 - GRID.left - GRID.right;
    const column = Math.round(GRID.left + (30 / 59) * plotWidth);
    const purple = rgb(CHART_COLORS.marker);
    const middle = rowOf(0.8);
    assert.ok([-1, 0, 1].some((dx) => near(image.pixel(column + dx, middle), purple)));
  });

  it('labels the axes with units', () => {
    const svg = renderChartSvg(spec);
    assert.match(svg, /90 %|80 %/);
    assert.match(svg, /time \(UTC\)/);
    assert.match(svg, /critical &gt; 90 %|critical > 90 %/);
  });

  it('builds a chart from a check with a range series, and none from a single value', () => {
    const outcome: CheckOutcome = {
      checkId: 'mem',
      name: 'Container memory working set',
      diagnosticType: 'prometheus_query',
      health: 'critical',
      value: 900_000_000,
      summary: 'memory high',
      durationMs: 5,
      query: 'container_memory_working_set_bytes{pod=~"api.*"}',
      series: spec.series,
      healthConditions: { critical: 'value > 800000000' },
    };
    const chart = chartForCheck(outcome, { atSeconds: START + 600, label: 'alert fired' });
    assert.equal(chart?.unit, 'bytes');
    assert.equal(chart?.thresholds[0]?.value, 800_000_000);
    assert.equal(chart?.marker?.label, 'alert fired');
    assert.equal(chartForCheck({ ...outcome, series: [] }), undefined);
    assert.equal(chartForCheck(outcome, { atSeconds: START - 86_400, label: 'x' })?.marker, undefined);
  });

  it('saves the report with one PNG per ranged check beside it, linked from the Markdown', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runbook-report-'));
    try {
      const base = {
        checkId: 'pool',
        name: 'Pool usage',
        diagnosticType: 'prometheus_query',
        health: 'critical' as const,
        value: 0.5,
        summary: 's',
        durationMs: 1,
      };
      const at = new Date(START * 1000).toISOString();
      const saved = await saveReportWithCharts(
        {
          id: 'run-42',
          startedAt: new Date((START + 1800) * 1000).toISOString(),
          reportMarkdown: '# Incident\n\nPool exhausted.\n',
          events: [
            {
              type: 'check.finished',
              runId: 'run-42',
              at,
              outcome: { ...base, series: spec.series, healthConditions: { critical: 'value > 0.9' } },
            },
            { type: 'check.finished', runId: 'run-42', at, outcome: { ...base, checkId: 'flat' } },
          ],
        },
        dir,
      );
      assert.deepEqual(saved.charts, [join(dir, 'run-42-pool.png')]);
      const markdown = await readFile(saved.report, 'utf8');
      assert.match(markdown, /^# Incident/);
      assert.match(markdown, /!\[Pool usage\]\(run-42-pool\.png\)/);
      const image = decodePng(await readFile(join(dir, 'run-42-pool.png')));
      assert.equal(image.width, 800);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("carries a range check's series (bounded) and health conditions on its outcome, for the chart", async () => {
    const samples = Array.from({ length: 1000 }, (_, i): [number, number] => [START + i * 15, i / 1000]);
    const provider: Provider<'prometheus_query'> = {
      type: 'prometheus_query',
      isConfigured: true,
      async check(step) {
        return {
          status: 'ok',
          value: 0.999,
          series: Array.from({ length: 5 }, (_, i) => ({ labels: { pod: `p${i}` }, value: 0.999, samples })),
          items: [],
          fields: {},
          summary: 'usage',
          query: step.query,
          durationMs: 1,
        };
      },
    };
    const [result] = await runDiagnostics(
      [
        {
          id: 'usage',
          type: 'prometheus_query',
          query: 'usage',
          range: { window: '4h', step: '15s' },
          health: { critical: 'value > 0.9' },
        },
      ],
      {
        providers: { prometheus_query: provider },
        expression: (source) => compileExpression(source, HEALTH_VARIABLES),
        params: {},
        runId: 'r',
        now: () => new Date(),
        signal: new AbortController().signal,
      },
    );
    const outcome = result?.outcome;
    assert.equal(outcome?.series?.length, 3);
    const kept = outcome?.series?.[0]?.samples ?? [];
    assert.ok(kept.length <= 121 && kept.length >= 100, `${kept.length} samples kept`);
    assert.deepEqual(kept.at(-1), samples.at(-1));
    assert.deepEqual(outcome?.healthConditions, { critical: 'value > 0.9' });
    assert.equal(chartForCheck(outcome as CheckOutcome)?.thresholds[0]?.value, 0.9);
  });
});
