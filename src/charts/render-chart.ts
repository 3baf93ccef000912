import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { CHART_COLORS, type ChartSpec, DEFAULT_HEIGHT, DEFAULT_WIDTH, GRID, yRange } from './chart-spec.ts';
import { formatValue } from './units.ts';

function seriesName(labels: Record<string, string>, index: number): string {
  const entries = Object.entries(labels).filter(([key]) => key !== '__name__');
  return entries.length === 0
    ? `series ${index + 1}`
    : entries
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')
        .slice(0, 60);
}

const timeLabel = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** The chart as SVG: echarts' server-side renderer, no browser, no DOM. */
export function renderChartSvg(spec: ChartSpec): string {
  const width = spec.width ?? DEFAULT_WIDTH;
  const height = spec.height ?? DEFAULT_HEIGHT;
  const { min, max } = yRange(spec);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const markLines = [
      ...spec.thresholds.map((threshold) => ({
        yAxis: threshold.value,
        name: `${threshold.level} ${threshold.direction === 'above' ? '>' : '<'} ${formatValue(threshold.value, spec.unit)}`,
        lineStyle: { color: CHART_COLORS[threshold.level], type: 'dashed' as const, width: 2 },
        label: { formatter: '{b}', color: CHART_COLORS[threshold.level], position: 'insideEndTop' as const },
      })),
      ...(spec.marker
        ? [
            {
              xAxis: spec.marker.atSeconds * 1000,
              name: spec.marker.label,
              lineStyle: { color: CHART_COLORS.marker, type: 'solid' as const, width: 2 },
              label: { formatter: '{b}', color: CHART_COLORS.marker, position: 'end' as const },
            },
          ]
        : []),
    ];
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: {
        text: spec.title.slice(0, 90),
        left: 12,
        top: 10,
        textStyle: { fontSize: 15, fontFamily: 'DejaVu Sans' },
      },
      legend: spec.series.length > 1 ? { bottom: 6, textStyle: { fontSize: 11 } } : { show: false },
      grid: { ...GRID, containLabel: false },
      textStyle: { fontFamily: 'DejaVu Sans' },
      xAxis: {
        type: 'time',
        name: 'time (UTC)',
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { formatter: (value: number) => timeLabel(value), fontSize: 11 },
      },
      yAxis: {
        type: 'value',
        min,
        max,
        axisLabel: { formatter: (value: number) => formatValue(value, spec.unit), fontSize: 11 },
        splitLine: { lineStyle: { color: '#e6e6e6' } },
      },
      series: spec.series.map((series, index) => ({
        type: 'line',
        name: seriesName(series.labels, index),
        showSymbol: false,
        color: CHART_COLORS.series[index % CHART_COLORS.series.length],
        lineStyle: { width: 2 },
        data: series.samples.map(([at, value]) => [at * 1000, Number.isFinite(value) ? value : null]),
        ...(index === 0 && markLines.length > 0
          ? { markLine: { symbol: 'none', silent: true, data: markLines } }
          : {}),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    // echarts keeps a timer per instance; without dispose the process never exits.
    chart.dispose();
  }
}

/** The chart as PNG bytes (resvg rasterises echarts' SVG with the system fonts). */
export function renderChartPng(spec: ChartSpec): Buffer {
  const svg = renderChartSvg(spec);
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
