import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { checkServerIdentity, type TLSSocket, connect as tlsConnect } from 'node:tls';
import type { FetchLike } from '../../net/index.ts';
import { certificateDaysLeft } from './certificate-days-left.ts';
import type { ProbeTarget } from './resolve-target.ts';

/** What the probe learnt about the connection, beside the response itself. */
export interface ProbeInfo {
  latencyMs?: number;
  certDaysLeft?: number;
  tlsError?: string;
}

export interface ProbeTransportOptions {
  /** Extra trusted CA (PEM); replaces the system roots for this probe. */
  ca?: string | undefined;
  /** Refuse to send the request over a connection whose certificate does not verify. */
  verifyTls: boolean;
  nowMs: number;
}

function openTls(
  target: ProbeTarget,
  options: ProbeTransportOptions,
  info: ProbeInfo,
  signal: AbortSignal | undefined,
) {
  return new Promise<TLSSocket>((resolve, reject) => {
    const socket = tlsConnect({
      host: target.connectHost,
      port: target.connectPort,
      ...(target.servername === undefined ? {} : { servername: target.servername }),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
      // Verified below, after reading the certificate, so an expired one still reports its days left.
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const onAbort = () =>
      socket.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    socket.once('secureConnect', () => {
      signal?.removeEventListener('abort', onAbort);
      const certificate = socket.getPeerCertificate();
      const daysLeft = certificateDaysLeft(certificate, options.nowMs);
      if (daysLeft !== undefined) info.certDaysLeft = daysLeft;
      const identity = checkServerIdentity(target.servername ?? target.url.hostname, certificate);
      const problem = socket.authorized ? identity?.message : String(socket.authorizationError);
      if (problem !== undefined) {
        info.tlsError = problem;
        if (options.verifyTls) {
          socket.destroy();
          reject(new Error(`TLS certificate rejected: ${problem}`));
          return;
        }
      }
      resolve(socket);
    });
  });
}

function headersOf(init: RequestInit): OutgoingHttpHeaders {
  return Object.fromEntries(new Headers(init.headers).entries());
}

function responseHeaders(raw: NodeJS.Dict<string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, item);
  }
  return headers;
}

/**
 * A `fetch` for one probe, on node:http(s) directly: it connects where the host override says,
 * keeps the original Host header and TLS name, reads the peer certificate of that same
 * connection, and measures latency to the response headers. Timeouts, body limits and errors
 * stay with `fetchWithPolicy`.
 */
export function createProbeTransport(
  target: ProbeTarget,
  options: ProbeTransportOptions,
  info: ProbeInfo,
): FetchLike {
  return async (_url, init) => {
    const signal = init.signal ?? undefined;
    const startedAt = performance.now();
    const socket =
      target.url.protocol === 'https:' ? await openTls(target, options, info, signal) : undefined;
    const headers = headersOf(init);
    if (target.hostHeader !== undefined) headers.host = target.hostHeader;
    // One probe, one connection: nothing pooled between checks.
    headers.connection = 'close';
    const method = init.method ?? 'GET';
    return new Promise<Response>((resolve, reject) => {
      const request = httpRequest(
        {
          host: target.connectHost,
          port: target.connectPort,
          method,
          path: `${target.url.pathname}${target.url.search}`,
          headers,
          ...(signal === undefined ? {} : { signal }),
          // `agent: false` would make Node build a fresh Agent that ignores createConnection.
          ...(socket === undefined ? { agent: false } : { createConnection: () => socket }),
        },
        (response) => {
          info.latencyMs = Math.round(performance.now() - startedAt);
          const status = response.statusCode ?? 0;
          const empty = method === 'HEAD' || [204, 205, 304].includes(status);
          try {
            const body = empty ? null : (Readable.toWeb(response) as unknown as ReadableStream<Uint8Array>);
            if (empty) response.resume();
            resolve(
              new Response(body, {
                status,
                statusText: response.statusMessage ?? '',
                headers: responseHeaders(response.headers),
              }),
            );
          } catch (error) {
            response.destroy();
            reject(error);
          }
        },
      );
      request.once('error', reject);
      request.end(typeof init.body === 'string' ? init.body : undefined);
    });
  };
}
