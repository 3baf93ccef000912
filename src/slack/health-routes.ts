import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorMessage } from '../errors/index.ts';
import { probeStore, type StateStore } from '../state/index.ts';
import type { SlackMetrics } from './slack-metrics.ts';

/** A plain node:http handler: it can live on Bolt's server or on any other. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface HealthHandlers {
  /** GET /healthz: the process is up. */
  healthz: RequestHandler;
  /** GET /readyz: the state store answers within `timeoutMs`. */
  readyz: RequestHandler;
  /** GET /metrics: Prometheus exposition of the Slack app's counters. */
  metrics: RequestHandler;
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}

export function createHealthHandlers(input: {
  store: StateStore;
  metrics: SlackMetrics;
  timeoutMs?: number;
}): HealthHandlers {
  const timeoutMs = input.timeoutMs ?? 2000;
  return {
    healthz: (_request, response) => send(response, 200, 'application/json', '{"status":"ok"}'),
    readyz: (_request, response) => {
      probeStore(input.store, timeoutMs, 'slack:readyz-probe').then(
        () => send(response, 200, 'application/json', '{"status":"ready"}'),
        (error: unknown) =>
          send(
            response,
            503,
            'application/json',
            JSON.stringify({ status: 'not ready', reason: errorMessage(error) }),
          ),
      );
    },
    metrics: (_request, response) =>
      send(response, 200, 'text/plain; version=0.0.4; charset=utf-8', input.metrics.render()),
  };
}

/** The handlers as Bolt custom routes (or any router's table). */
export function healthRoutes(
  handlers: HealthHandlers,
): Array<{ path: string; method: string; handler: RequestHandler }> {
  return [
    { path: '/healthz', method: 'GET', handler: handlers.healthz },
    { path: '/readyz', method: 'GET', handler: handlers.readyz },
    { path: '/metrics', method: 'GET', handler: handlers.metrics },
  ];
}
