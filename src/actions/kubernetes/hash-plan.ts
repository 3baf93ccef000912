import { createHash } from 'node:crypto';
import type { PlannedAction } from '../types.ts';

/** JSON with object keys sorted at every level, so equal plans hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 (hex) over everything that changes what runs: type, target, spec, risk and the exact request. */
export function planHash(plan: Pick<PlannedAction, 'type' | 'target' | 'spec' | 'risk' | 'dryRun'>): string {
  const { type, target, spec, risk, dryRun } = plan;
  return createHash('sha256').update(canonicalJson({ type, target, spec, risk, dryRun })).digest('hex');
}
