import type { HealthStatus } from '../engine/events.ts';
import type { RunRecord } from '../runs/types.ts';
import type { SweepCheck, SweepColor } from './types.ts';

const RANK: Record<HealthStatus, number> = { healthy: 0, unknown: 1, warning: 2, error: 3, critical: 4 };

export function colorOf(health: HealthStatus): SweepColor {
  if (health === 'healthy') return 'green';
  if (health === 'warning' || health === 'unknown') return 'yellow';
  return 'red';
}

export function worstColor(colors: readonly SweepColor[]): SweepColor {
  if (colors.includes('red')) return 'red';
  return colors.includes('yellow') ? 'yellow' : 'green';
}

/** Pure: a finished runbook run as one sweep line (its worst check decides; a failed run is red). */
export function checkFromRecord(record: RunRecord, name: string, durationMs: number): SweepCheck {
  let health: HealthStatus = 'healthy';
  const details: string[] = [];
  for (const event of record.events) {
    if (event.type !== 'check.finished') continue;
    const { outcome } = event;
    if (RANK[outcome.health] > RANK[health]) health = outcome.health;
    if (outcome.health !== 'healthy') details.push(`${outcome.health}: ${outcome.name}: ${outcome.summary}`);
  }
  if (record.status === 'failed') health = 'error';
  if (record.status === 'cancelled' && health === 'healthy') health = 'unknown';
  const finished = [...record.events].reverse().find((event) => event.type === 'run.finished');
  const summary =
    record.conclusion?.summary ??
    (finished?.type === 'run.finished' ? finished.summary : `run ${record.status}`);
  return {
    kind: 'runbook',
    runbookId: record.runbook?.id ?? record.target,
    name,
    health,
    color: colorOf(health),
    summary,
    runId: record.id,
    durationMs,
    details,
  };
}

/** What "changed since the previous sweep" compares: each runbook's and inline check's color. */
export function fingerprint(checks: readonly SweepCheck[]): string {
  return checks
    .map((check) => `${check.kind === 'check' ? 'check:' : ''}${check.runbookId}=${check.color}`)
    .sort()
    .join(',');
}
