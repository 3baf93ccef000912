import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A log event as the fake stores it. */
export interface FakeLog {
  timestamp: string;
  service: string;
  host?: string;
  status?: string;
  message: string;
  tags?: string[];
}

/** A metric series as the fake returns it for one exact query. */
export interface FakeSeries {
  metric: string;
  scope: string;
  /** [epoch ms, value] */
  pointlist: Array<[number, number | null]>;
}

export interface FakeMonitor {
  id: number;
  name: string;
  query: string;
  overall_state: string;
  tags?: string[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeDatadogOptions {
  apiKey: string;
  appKey: string;
  /** Exact query string → series. */
  metrics?: Record<string, FakeSeries[]>;
  logs?: FakeLog[];
  monitors?: FakeMonitor[];
  /** Milliseconds to wait before answering (timeouts). */
  delayMs?: number;
}

export interface FakeDatadog {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Datadog log search syntax, the part runbooks use: `key:value` facets, "quoted phrases", bare words, `*`. */
function matchesLogQuery(log: FakeLog, query: string): boolean {
  const terms = query.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  return terms.every((term) => {
    if (term === '*') return true;
    if (term.startsWith('"')) return log.message.includes(JSON.parse(term) as string);
    const colon = term.indexOf(':');
    if (colon > 0) {
      const [key, value] = [term.slice(0, colon), term.slice(colon + 1)];
      if (key === 'service') return log.service === value;
      if (key === 'host') return log.host === value;
      if (key === 'status') return log.status === value;
      return (log.tags ?? []).includes(term);
    }
    return log.message.includes(term);
  });
}

function handleMetrics(options: FakeDatadogOptions, search: URLSearchParams, response: ServerResponse): void {
  const query = search.get('query') ?? '';
  const from = Number(search.get('from'));
  const to = Number(search.get('to'));
  if (!query || !Number.isFinite(from) || !Number.isFinite(to)) {
    send(response, 400, { errors: ['The from, to and query parameters are required'] });
    return;
  }
  const series = options.metrics?.[query];
  if (series === undefined) {
    send(response, 400, { errors: [`Error parsing query: unknown metric in ${query}`] });
    return;
  }
  send(response, 200, {
    status: 'ok',
    res_type: 'time_series',
    from_date: from * 1000,
    to_date: to * 1000,
    query,
    message: '',
    group_by: [],
    series: series.map((entry, index) => ({
      metric: entry.metric,
      display_name: entry.metric,
      expression: query,
      scope: entry.scope,
      tag_set: entry.scope === '*' ? [] : entry.scope.split(','),
      pointlist: entry.pointlist.filter(([ms]) => ms >= from * 1000 && ms <= to * 1000),
      length: entry.pointlist.length,
      query_index: index,
      aggr: 'avg',
      interval: 60,
    })),
  });
}

function handleLogs(options: FakeDatadogOptions, body: unknown, response: ServerResponse): void {
  const request = (body ?? {}) as {
    filter?: { query?: string; from?: string; to?: string };
    page?: { limit?: number };
    sort?: string;
  };
  const from = Date.parse(request.filter?.from ?? '1970-01-01T00:00:00Z');
  const to = Date.parse(request.filter?.to ?? '2999-01-01T00:00:00Z');
  const limit = request.page?.limit ?? 10;
  const matched = (options.logs ?? [])
    .filter((log) => {
      const ts = Date.parse(log.timestamp);
      return ts >= from && ts <= to && matchesLogQuery(log, request.filter?.query ?? '*');
    })
    .sort((left, right) =>
      request.sort === 'timestamp'
        ? left.timestamp.localeCompare(right.timestamp)
        : right.timestamp.localeCompare(left.timestamp),
    );
  const page = matched.slice(0, limit);
  const more = matched.length > limit;
  send(response, 200, {
    data: page.map((log, index) => ({
      id: `log-${index}`,
      type: 'log',
      attributes: {
        timestamp: log.timestamp,
        service: log.service,
        host: log.host ?? 'host-1',
        status: log.status ?? 'info',
        message: log.message,
        tags: log.tags ?? [],
        attributes: {},
      },
    })),
    meta: {
      elapsed: 3,
      request_id: 'req-1',
      status: 'done',
      ...(more ? { page: { after: 'cursor-2' } } : {}),
    },
    ...(more
      ? { links: { next: 'https://api.datadoghq.com/api/v2/logs/events?page[cursor]=cursor-2' } }
      : {}),
  });
}

function handleMonitor(options: FakeDatadogOptions, id: number, response: ServerResponse): void {
  const monitor = options.monitors?.find((entry) => entry.id === id);
  if (!monitor) {
    send(response, 404, { errors: ['Monitor not found'] });
    return;
  }
  send(response, 200, {
    id: monitor.id,
    name: monitor.name,
    type: 'metric alert',
    query: monitor.query,
    message: '',
    tags: monitor.tags ?? [],
    options: { notify_no_data: false },
    overall_state: monitor.overall_state,
    created: '2026-01-01T00:00:00.000000+00:00',
    modified: '2026-01-01T00:00:00.000000+00:00',
    multi: false,
    priority: null,
  });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/**
 * A local server speaking the Datadog API wire format for the endpoints Runbook uses:
 * `GET /api/v1/query`, `POST /api/v2/logs/events/search`, `GET /api/v1/monitor/{id}`.
 * Checks the DD-API-KEY / DD-APPLICATION-KEY headers like the real API (403 otherwise) and
 * records every request.
 */
export async function startFakeDatadog(options: FakeDatadogOptions): Promise<FakeDatadog> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const body = await readJson(request);
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      search: url.searchParams,
      headers: request.headers,
      body,
    });
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (
      request.headers['dd-api-key'] !== options.apiKey ||
      request.headers['dd-application-key'] !== options.appKey
    ) {
      send(response, 403, { errors: ['Forbidden'] });
      return;
    }
    const monitor = /^\/api\/v1\/monitor\/(\d+)$/.exec(url.pathname);
    if (request.method === 'GET' && url.pathname === '/api/v1/query')
      handleMetrics(options, url.searchParams, response);
    else if (request.method === 'POST' && url.pathname === '/api/v2/logs/events/search')
      handleLogs(options, body, response);
    else if (request.method === 'GET' && monitor) handleMonitor(options, Number(monitor[1]), response);
    else send(response, 404, { errors: ['Not found'] });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
