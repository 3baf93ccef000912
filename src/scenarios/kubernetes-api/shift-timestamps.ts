/** RFC 3339 date-times, with optional fractional seconds and a `Z` or `±hh:mm` offset. */
const RFC3339 = /\b(\d{4}-\d{2}-\d{2})([Tt ])(\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})/g;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function offsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/**
 * Moves one timestamp by `deltaMs`, keeping its zone and at least its precision: digits beyond
 * milliseconds (nanoseconds in Kubernetes' MicroTime and log prefixes) are kept as they were.
 */
interface TimestampParts {
  date: string;
  separator: string;
  time: string;
  fraction: string | undefined;
  zone: string;
}

function shiftOne({ date, separator, time, fraction, zone }: TimestampParts, deltaMs: number) {
  const digits = fraction ? fraction.slice(1) : '';
  const millis = Number(digits.slice(0, 3).padEnd(3, '0'));
  const base = Date.parse(`${date}T${time}${zone === 'z' ? 'Z' : zone}`);
  if (Number.isNaN(base)) return undefined;
  const offsetMs = offsetMinutes(zone) * 60_000;
  const local = new Date(base + millis + deltaMs + offsetMs);
  const head =
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}${separator}` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const ms = pad(local.getUTCMilliseconds(), 3);
  let fractionOut = '';
  if (digits.length > 3) fractionOut = `.${ms}${digits.slice(3)}`;
  else if (digits.length > 0 || ms !== '000') {
    fractionOut = `.${ms.replace(/0+$/, '').padEnd(digits.length, '0')}`;
  }
  return `${head}${fractionOut}${zone === 'z' ? 'Z' : zone}`;
}

/** Shifts every RFC 3339 timestamp inside `text` by `deltaMs`. */
export function shiftTimestampsInText(text: string, deltaMs: number): string {
  if (deltaMs === 0) return text;
  return text.replace(
    RFC3339,
    (match, date: string, separator: string, time: string, fraction: string | undefined, zone: string) =>
      shiftOne({ date, separator, time, fraction, zone }, deltaMs) ?? match,
  );
}

/** Shifts every timestamp in every string of a JSON-like value (a deep copy). */
export function shiftTimestampsDeep<T>(value: T, deltaMs: number): T {
  if (typeof value === 'string') return shiftTimestampsInText(value, deltaMs) as T;
  if (Array.isArray(value)) return value.map((item) => shiftTimestampsDeep(item, deltaMs)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, shiftTimestampsDeep(item, deltaMs)]),
    ) as T;
  }
  return value;
}

/** The time a log line starts with, when it starts with an RFC 3339 timestamp. */
export function leadingTimestamp(line: string): { ms: number; text: string } | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))/.exec(line);
  if (!match?.[1]) return undefined;
  const ms = Date.parse(match[1].replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : { ms, text: match[1] };
}

/** The first RFC 3339 time near the start of a log line (plain or JSON: `{"ts":"…"}`), if any. */
export function lineTimestampMs(line: string): number | undefined {
  const match = /(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2}))/.exec(
    line.slice(0, 120),
  );
  if (!match?.[1]) return undefined;
  const ms = Date.parse(match[1].replace(' ', 'T'));
  return Number.isNaN(ms) ? undefined : ms;
}
