import type { Config } from '../../config/index.ts';

const AUTHORIZATION = 'authorization';

export type PrometheusSettings = NonNullable<Config['prometheus']>;

export interface PrometheusQueryRequest {
  url: string;
  init: RequestInit;
}

/** Bearer token, else basic auth (from the settings, or user:password written into the URL). */
function authorization(settings: PrometheusSettings, base: URL): string | undefined {
  if (settings.bearerToken) return `Bearer ${settings.bearerToken}`;
  const username = settings.username ?? (base.username ? decodeURIComponent(base.username) : undefined);
  const password = settings.password ?? (base.password ? decodeURIComponent(base.password) : undefined);
  if (username === undefined) return undefined;
  return `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
}

/**
 * A POST with a form body, so long PromQL never hits URL length limits and never lands in an
 * access log's URL. A path prefix in PROMETHEUS_URL (`https://host/prometheus`) is kept.
 */
export function buildQueryRequest(
  settings: PrometheusSettings,
  endpoint: 'query' | 'query_range',
  form: Record<string, string>,
): PrometheusQueryRequest {
  const base = new URL(settings.url);
  const auth = authorization(settings, base);
  base.username = '';
  base.password = '';
  base.search = '';
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/api/v1/${endpoint}`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
  };
  if (auth) headers[AUTHORIZATION] = auth;
  return {
    url: base.toString(),
    init: { method: 'POST', headers, body: new URLSearchParams(form).toString() },
  };
}
