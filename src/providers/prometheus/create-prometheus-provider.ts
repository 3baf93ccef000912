import type { Config } from '../../config/index.ts';
import { errorMessage } from '../../errors/index.ts';
import { type FetchLike, fetchWithPolicy } from '../../net/index.ts';
import { notConfiguredResult } from '../not-configured.ts';
import { durationOr, stepTimeoutMs } from '../step-timeout.ts';
import { type CheckContext, type CheckResult, errorResult, type Provider } from '../types.ts';
import { buildQueryRequest, type PrometheusSettings } from './build-request.ts';
import { parseQueryResponse } from './parse-query-response.ts';

type PrometheusStep = Parameters<Provider<'prometheus_query'>['check']>[0];

export interface PrometheusProviderOptions {
  fetch?: FetchLike;
  /** Extra attempts on 429/5xx/network errors (default 2). */
  retries?: number;
  maxResponseBytes?: number;
}

/** Aim for about this many points in a range query when the step gives no `step`. */
const RANGE_POINTS = 120;

function form(
  step: PrometheusStep,
  now: Date,
  timeoutMs: number,
): { endpoint: 'query' | 'query_range'; form: Record<string, string> } {
  const end = now.getTime() / 1000;
  const timeout = `${Math.max(1, Math.floor(timeoutMs / 1000))}s`;
  if (!step.range) return { endpoint: 'query', form: { query: step.query, time: String(end), timeout } };
  const windowSeconds = durationOr(step.range.window, 3_600_000) / 1000;
  const stepSeconds = step.range.step
    ? durationOr(step.range.step, 60_000) / 1000
    : Math.max(1, Math.ceil(windowSeconds / RANGE_POINTS));
  return {
    endpoint: 'query_range',
    form: {
      query: step.query,
      start: String(end - windowSeconds),
      end: String(end),
      step: String(stepSeconds),
      timeout,
    },
  };
}

async function runQuery(
  settings: PrometheusSettings,
  options: PrometheusProviderOptions,
  step: PrometheusStep,
  context: CheckContext,
): Promise<CheckResult> {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const fail = (reason: string) =>
    errorResult(`prometheus_query failed: ${reason} (query: ${step.query})`, elapsed(), step.query);
  const timeoutMs = stepTimeoutMs(step);
  const { endpoint, form: body } = form(step, context.now, timeoutMs);
  const request = buildQueryRequest(settings, endpoint, body);
  try {
    const response = await fetchWithPolicy(request.url, request.init, {
      timeoutMs,
      retries: options.retries ?? 2,
      maxResponseBytes: options.maxResponseBytes ?? 5 * 1024 * 1024,
      signal: context.signal,
      service: 'prometheus',
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    let json: unknown;
    try {
      json = response.json();
    } catch (error) {
      return fail(`HTTP ${response.status} with a body that is not JSON (${errorMessage(error)})`);
    }
    const parsed = parseQueryResponse(json);
    if (!parsed.ok) return fail(`HTTP ${response.status}: ${parsed.error}`);
    return {
      status: 'ok',
      value: parsed.value,
      series: parsed.series,
      items: [],
      fields: step.range ? { ...parsed.fields, range: step.range.window } : parsed.fields,
      summary: parsed.summary,
      query: step.query,
      durationMs: elapsed(),
    };
  } catch (error) {
    return fail(errorMessage(error));
  }
}

/** Instant and range PromQL over the HTTP API (`/api/v1/query`, `/api/v1/query_range`). */
export function createPrometheusProvider(
  settings: Config['prometheus'],
  options: PrometheusProviderOptions = {},
): Provider<'prometheus_query'> {
  return {
    type: 'prometheus_query',
    isConfigured: settings !== undefined,
    check: (step, context) =>
      settings === undefined
        ? Promise.resolve(notConfiguredResult('prometheus_query', 'PROMETHEUS_URL', step.query))
        : runQuery(settings, options, step, context),
  };
}
