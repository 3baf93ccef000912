export type ChartUnit = 'bytes' | 'seconds' | 'percent' | 'per-second' | 'none';

/** Guesses the unit from the check's name and query, the way a person reading them would. */
export function inferUnit(text: string, maxValue: number): ChartUnit {
  if (/bytes|memory|\bmem\b|disk|filesystem/i.test(text)) return 'bytes';
  if (/_seconds|latency|duration|\bp9\d\b/i.test(text)) return 'seconds';
  if (/ratio|percent|usage|utili[sz]ation|saturation|pool/i.test(text) && maxValue <= 1.5) return 'percent';
  if (/\brate\(|irate\(|per second|\/s\b|rps|qps/i.test(text)) return 'per-second';
  return 'none';
}

const BYTE_STEPS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

function trim(value: number): string {
  const rounded =
    Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  return rounded.replace(/\.0+$|(\.\d*?)0+$/, '$1');
}

/** An axis label or marker value, with its unit: `512 MiB`, `250 ms`, `97 %`, `12 /s`. */
export function formatValue(value: number, unit: ChartUnit): string {
  switch (unit) {
    case 'bytes': {
      let scaled = value;
      let step = 0;
      while (Math.abs(scaled) >= 1024 && step < BYTE_STEPS.length - 1) {
        scaled /= 1024;
        step += 1;
      }
      return `${trim(scaled)} ${BYTE_STEPS[step]}`;
    }
    case 'seconds':
      return Math.abs(value) < 1 && value !== 0 ? `${trim(value * 1000)} ms` : `${trim(value)} s`;
    case 'percent':
      return `${trim(value * 100)} %`;
    case 'per-second':
      return `${trim(value)} /s`;
    case 'none':
      return trim(value);
    default:
      return unit satisfies never;
  }
}
