import { v2 } from '@datadog/datadog-api-client';
import { redactText } from '../../audit/index.ts';
import {
  createDatadogConfiguration,
  type DatadogCallOptions,
  type DatadogSettings,
} from './create-datadog-configuration.ts';

/** Longest message kept per log line. */
export const MAX_LINE_CHARS = 2_000;

export interface DatadogLogLine {
  ts?: string;
  service?: string;
  host?: string;
  status?: string;
  message: string;
}

/** v2 `LogsApi.listLogs` (`POST /api/v2/logs/events/search`), newest first. */
export async function listLogs(
  settings: DatadogSettings,
  call: DatadogCallOptions,
  query: string,
  fromMs: number,
  toMs: number,
  limit: number,
): Promise<{ lines: DatadogLogLine[]; hasMore: boolean }> {
  const api = new v2.LogsApi(createDatadogConfiguration(settings, call));
  const response = await api.listLogs({
    body: {
      filter: { query, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
      page: { limit: Math.min(Math.max(limit, 1), 1000) },
      sort: '-timestamp',
    },
  });
  const lines = (response.data ?? []).map((log): DatadogLogLine => {
    const attributes = log.attributes ?? {};
    return {
      ...(attributes.timestamp ? { ts: attributes.timestamp.toISOString() } : {}),
      ...(attributes.service ? { service: attributes.service } : {}),
      ...(attributes.host ? { host: attributes.host } : {}),
      ...(attributes.status ? { status: attributes.status } : {}),
      message: redactText((attributes.message ?? '').slice(0, MAX_LINE_CHARS)),
    };
  });
  return { lines, hasMore: Boolean(response.meta?.page?.after ?? response.links?.next) };
}
