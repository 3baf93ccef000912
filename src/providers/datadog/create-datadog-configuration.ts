import { client } from '@datadog/datadog-api-client';
import type { Config } from '../../config/index.ts';
import { type FetchLike, fetchWithPolicy } from '../../net/index.ts';

export type DatadogSettings = NonNullable<Config['datadog']>;

export interface DatadogCallOptions {
  timeoutMs: number;
  signal: AbortSignal;
  maxResponseBytes: number;
  fetch?: FetchLike | undefined;
}

/** `DATADOG_API_URL` when set (tests, proxies), else `https://api.<DD_SITE>` (datadoghq.com by default). */
export function datadogBaseUrl(settings: DatadogSettings): string {
  return (settings.apiUrl ?? `https://api.${settings.site ?? 'datadoghq.com'}`).replace(/\/+$/, '');
}

/**
 * One client configuration per call, so each carries its own deadline. A `baseServer` (never the
 * SDK's shared server list, which it mutates from DD_SITE) and explicit keys (never the SDK's own
 * read of process.env). The SDK's retries stay off: `fetchWithPolicy` owns timeouts and limits.
 */
export function createDatadogConfiguration(
  settings: DatadogSettings,
  call: DatadogCallOptions,
): client.Configuration {
  const transport = async (url: string, init: RequestInit): Promise<Response> => {
    const response = await fetchWithPolicy(url, init, {
      timeoutMs: call.timeoutMs,
      retries: 0,
      maxResponseBytes: call.maxResponseBytes,
      signal: call.signal,
      service: 'datadog',
      ...(call.fetch ? { fetch: call.fetch } : {}),
    });
    return response.toResponse();
  };
  return client.createConfiguration({
    baseServer: new client.BaseServerConfiguration(datadogBaseUrl(settings), {}),
    authMethods: { apiKeyAuth: settings.apiKey, appKeyAuth: settings.appKey },
    enableRetry: false,
    httpConfig: { compress: false },
    fetch: transport,
  });
}

/** A readable reason from the SDK's ApiException (`HTTP 403: Forbidden`) or any other error. */
export function datadogErrorText(error: unknown): string {
  if (error instanceof client.ApiException) {
    const body = error.body as { errors?: unknown } | string | undefined;
    const detail =
      typeof body === 'object' && body !== null && Array.isArray(body.errors)
        ? body.errors.map(String).join('; ')
        : typeof body === 'string'
          ? body.slice(0, 300)
          : '';
    return `HTTP ${error.code}${detail ? `: ${detail}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
