import type { DiagnosticDefinition, DiagnosticType } from '../runbooks/schema.ts';

/** One time series (or a single sample) in a provider's result. */
export interface SeriesPoint {
  labels: Record<string, string>;
  /** Latest value. */
  value: number;
  /** For range queries: [unix seconds, value] pairs, oldest first. */
  samples?: Array<[number, number]>;
}

/**
 * What a diagnostic check returns. Providers never throw past their boundary: a failure is a
 * result with status `error` and a reason that names the provider and the query.
 */
export interface CheckResult {
  status: 'ok' | 'error';
  /** The primary number conditions compare against (`value` in expressions); null when there is no data. */
  value: number | null;
  series: SeriesPoint[];
  /** Provider records: pods, events, log lines, revisions, nodes, URLs checked. Bounded in size. */
  items: Array<Record<string, unknown>>;
  /** Provider-specific scalars (http: status, latency_ms, cert_days_left; command: exit_code …). */
  fields: Record<string, unknown>;
  /** One line a person can read in a Slack thread. */
  summary: string;
  /** Why it failed, when status is `error`. */
  error?: string;
  /** What was asked, with secrets redacted (the PromQL, the URL, the argv), for evidence links. */
  query?: string;
  durationMs: number;
}

/** What a provider may know about the run: its parameters (already substituted into the step) and time. */
export interface CheckContext {
  params: Readonly<Record<string, string | number | boolean>>;
  /** The run's clock: "now" for the window a query looks back over. */
  now: Date;
  signal: AbortSignal;
}

/** A read-only source of evidence for one diagnostic type. */
export interface Provider<T extends DiagnosticType = DiagnosticType> {
  readonly type: T;
  /** False when its settings are missing; `check` then returns an error result saying "not configured". */
  readonly isConfigured: boolean;
  check(step: Extract<DiagnosticDefinition, { type: T }>, context: CheckContext): Promise<CheckResult>;
}

export type ProviderRegistry = { [T in DiagnosticType]?: Provider<T> };

export function errorResult(message: string, durationMs: number, query?: string): CheckResult {
  return {
    status: 'error',
    value: null,
    series: [],
    items: [],
    fields: {},
    summary: message,
    error: message,
    ...(query === undefined ? {} : { query }),
    durationMs,
  };
}

/** One matching log line from any source. */
export interface LogLine {
  /** ISO 8601 when known. */
  ts?: string;
  source: string;
  /** `namespace/pod/container` for Kubernetes, the service for Datadog. */
  origin: string;
  line: string;
}

/** A place logs can be searched: Kubernetes container logs, Datadog logs. */
export interface LogSource {
  readonly name: 'kubernetes' | 'datadog';
  readonly isConfigured: boolean;
  search(
    query: {
      pattern: string;
      regex: boolean;
      namespace?: string;
      workload?: string;
      labelSelector?: string;
      sinceMs: number;
      limit: number;
    },
    signal: AbortSignal,
  ): Promise<{ lines: LogLine[]; scanned: number; truncated: boolean }>;
}
