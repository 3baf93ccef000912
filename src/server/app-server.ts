import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';

export type NodeListener = (request: IncomingMessage, response: ServerResponse) => void;

export interface AppServerInput {
  /** Everything but Slack: health, metrics, alerts, the API. */
  http: Hono;
  /** Bolt's listener for POST /slack/events (HTTP mode); absent in Socket Mode or without Slack. */
  slack?: NodeListener | undefined;
  /** How long stop() lets in-flight requests finish before closing their connections. */
  closeTimeoutMs?: number;
}

export interface AppServer {
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections, lets in-flight requests finish (bounded), closes. */
  close(): Promise<void>;
}

const SLACK_PATH = '/slack/events';

/**
 * One port for everything: Slack's signed requests go straight to Bolt's own listener (which
 * verifies the signature on the raw body), every other path to the Hono app.
 */
export function createAppServer(input: AppServerInput): AppServer {
  const hono = getRequestListener(input.http.fetch);
  const { slack } = input;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (slack && path === SLACK_PATH) return slack(request, response);
    void hono(request, response);
  });
  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      if (!server.listening) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => server.closeAllConnections(), input.closeTimeoutMs ?? 10_000);
        timer.unref();
        server.close((error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
