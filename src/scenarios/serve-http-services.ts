import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScenarioService } from './types.ts';

export interface ServedService {
  name: string;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, for RUNBOOK_HOST_OVERRIDES. */
  address: string;
  stop(): Promise<void>;
}

function responseBody(service: ScenarioService, name: string): { type: string; text: string } {
  if (typeof service.body === 'string') return { type: 'text/plain; charset=utf-8', text: service.body };
  if (service.body !== undefined) return { type: 'application/json', text: JSON.stringify(service.body) };
  const status = service.status < 400 ? 'ok' : 'failing';
  return { type: 'application/json', text: JSON.stringify({ service: name, status }) };
}

/** Serves one scenario service on loopback: `path` answers `status` after `latencyMs`; other paths 404. */
export async function serveHttpService(name: string, service: ScenarioService): Promise<ServedService> {
  const timers = new Set<NodeJS.Timeout>();
  const body = responseBody(service, name);
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://service').pathname;
    if (path !== service.path) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`404 page not found: ${name} serves ${service.path}\n`);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      response.writeHead(service.status, { 'content-type': body.type });
      response.end(request.method === 'HEAD' ? undefined : body.text);
    }, service.latencyMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
