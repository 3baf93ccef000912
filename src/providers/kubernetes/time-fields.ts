/** ISO string of a client-node date (Date or string), or '' when absent. */
export function isoTime(value: Date | string | undefined | null): string {
  if (value === undefined || value === null) return '';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** Whole seconds from `value` to `now`, or null when the time is unknown. */
export function ageSeconds(value: Date | string | undefined | null, now: Date): number | null {
  const iso = isoTime(value);
  return iso === '' ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 1000));
}

/** Bounds one line of text for Slack, the model and the audit log. */
export function clip(text: string, max = 500): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
