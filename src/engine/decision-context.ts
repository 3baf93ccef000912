import type { Params } from './evaluate-health.ts';
import type { DiagnosticOutcome } from './run-diagnostics.ts';

/** What `diagnostics.<id>` holds in decision rules and remediation `when` (DECISION_VARIABLES). */
export interface DiagnosticView {
  status: DiagnosticOutcome['health'];
  value: number | null;
  count: number;
  values: number[];
  fields: Record<string, unknown>;
  items: Array<Record<string, unknown>>;
  series: Array<{ labels: Record<string, string>; value: number }>;
  summary: string;
}

export function decisionContext(
  outcomes: readonly DiagnosticOutcome[],
  params: Params,
): Record<string, unknown> {
  const diagnostics: Record<string, DiagnosticView> = {};
  for (const { step, result, health } of outcomes) {
    diagnostics[step.id] = {
      status: health,
      value: result.value,
      count: result.items.length > 0 ? result.items.length : result.series.length,
      values: result.series.map((point) => point.value),
      fields: result.fields,
      items: result.items,
      series: result.series.map((point) => ({ labels: point.labels, value: point.value })),
      summary: result.summary,
    };
  }
  return { diagnostics, params };
}

const DIAGNOSTIC_REFERENCE = /\bdiagnostics\.([a-z][a-z0-9_]*)/g;
const DIAGNOSTIC_INDEX = /\bdiagnostics\[\s*['"]([a-z][a-z0-9_]*)['"]\s*\]/g;

/** Ids of the diagnostics an expression reads (`diagnostics.db_usage…` or `diagnostics['db_usage']`). */
export function referencedDiagnostics(source: string): string[] {
  const ids = new Set<string>();
  for (const match of source.matchAll(DIAGNOSTIC_REFERENCE)) if (match[1]) ids.add(match[1]);
  for (const match of source.matchAll(DIAGNOSTIC_INDEX)) if (match[1]) ids.add(match[1]);
  return [...ids];
}
