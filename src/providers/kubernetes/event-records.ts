import type { CoreV1Event } from '@kubernetes/client-node';
import { ageSeconds, clip, isoTime } from './time-fields.ts';

/** One event, newest first in results. `ageSeconds` counts from `lastSeen`. */
export interface EventRecord {
  [key: string]: unknown;
  type: string;
  reason: string;
  message: string;
  /** `Kind/name`, e.g. `Pod/checkout-6f7c9d8b4-h5j2k`. */
  object: string;
  kind: string;
  name: string;
  namespace: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
  ageSeconds: number | null;
}

export function toEventRecord(event: CoreV1Event, now: Date): EventRecord {
  const last =
    event.lastTimestamp ??
    event.series?.lastObservedTime ??
    event.eventTime ??
    event.metadata?.creationTimestamp;
  const first = event.firstTimestamp ?? event.eventTime ?? last;
  const kind = event.involvedObject?.kind ?? '';
  const name = event.involvedObject?.name ?? '';
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: clip(event.message ?? ''),
    object: `${kind}/${name}`,
    kind,
    name,
    namespace: event.involvedObject?.namespace ?? event.metadata?.namespace ?? '',
    count: event.count ?? event.series?.count ?? 1,
    firstSeen: isoTime(first),
    lastSeen: isoTime(last),
    ageSeconds: ageSeconds(last, now),
  };
}

const snake = (reason: string) =>
  reason
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();

/**
 * `fields` of an `events` check: totals, `reasons` (reason → summed count), and a counter per
 * reason in snake case (`failed_scheduling`, `back_off`, `unhealthy`, `killing`, `failed`…),
 * always present for the common ones so conditions need no `in` test.
 */
export function eventAggregates(records: readonly EventRecord[]) {
  const reasons: Record<string, number> = {};
  for (const record of records) reasons[record.reason] = (reasons[record.reason] ?? 0) + record.count;
  const common = [
    'FailedScheduling',
    'BackOff',
    'Unhealthy',
    'Killing',
    'Failed',
    'FailedMount',
    'OOMKilling',
    'Evicted',
    'NodeNotReady',
  ];
  const perReason = Object.fromEntries(
    [...new Set([...common, ...Object.keys(reasons)])].map((reason) => [snake(reason), reasons[reason] ?? 0]),
  );
  return {
    ...perReason,
    total: records.length,
    warnings: records.filter((r) => r.type === 'Warning').length,
    normal: records.filter((r) => r.type !== 'Warning').length,
    reasons,
  };
}

export function summarizeEvents(label: string, records: readonly EventRecord[]): string {
  if (records.length === 0) return `${label}: no events`;
  const warnings = records.filter((r) => r.type === 'Warning');
  if (warnings.length === 0)
    return `${label}: ${records.length} events, no warnings (latest: ${records[0]?.reason})`;
  const top = warnings[0];
  return `${label}: ${warnings.length} warning events of ${records.length}; latest ${top?.reason} on ${top?.object}: ${clip(top?.message ?? '', 160)}`;
}
