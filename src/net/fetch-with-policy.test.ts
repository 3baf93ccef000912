import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RunbookError } from '../errors/index.ts';
import { fetchWithPolicy } from './fetch-with-policy.ts';
import { parseRetryAfterMs } from './retry-delay.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('fetchWithPolicy', () => {
  const handlers = new Map<string, Handler>();
  const hits = new Map<string, number>();
  let server: Server;
  let base: string;

  before(async () => {
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const handler = handlers.get(path);
      if (handler) handler(request, response);
      else response.writeHead(404).end('no route');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const recordSleeps = () => {
    const sleeps: number[] = [];
    return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
  };

  it('waits for Retry-After seconds after a 429 and then returns the success', async () => {
    handlers.set('/rate-limited', (_request, response) => {
      const first = hits.get('/rate-limited') === 1;
      if (first) response.writeHead(429, { 'retry-after': '2' }).end('slow down');
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const { sleeps, sleep } = recordSleeps();
    const response = await fetchWithPolicy(
      `${base}/rate-limited`,
      {},
      {
        timeoutMs: 5_000,
        retries: 2,
        maxResponseBytes: 1_000,
        sleep,
      },
    );
    assert.equal(response.status, 200);
    assert.deepEqual(response.json(), { ok: true });
    assert.equal(response.attempts, 2);
    assert.deepEqual(sleeps, [2_000]);
  });

  it('reads Retry-After given as an HTTP date', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    assert.equal(parseRetryAfterMs('Thu, 01 Jan 2026 12:00:03 GMT', now), 3_000);
    assert.equal(parseRetryAfterMs('soon', now), undefined);
  });

  it('retries a 500 with exponential backoff and gives the last response when retries run out', async () => {
    handlers.set('/broken', (_request, response) => response.writeHead(500).end('boom'));
    const { sleeps, sleep } = recordSleeps();
    const response = await fetchWithPolicy(
      `${base}/broken`,
      {},
      {
        timeoutMs: 5_000,
        retries: 3,
        maxResponseBytes: 1_000,
        sleep,
        random: () => 0.8,
      },
    );
    assert.equal(response.status, 500);
    assert.equal(response.text(), 'boom');
    assert.equal(hits.get('/broken'), 4);
    // 0.5 s, 1 s, 2 s, each reduced by 20 % jitter (0.8 × the 25 % maximum)
    assert.deepEqual(sleeps, [400, 800, 1_600]);
  });

  it('does not retry a 404', async () => {
    const { sleeps, sleep } = recordSleeps();
    const response = await fetchWithPolicy(
      `${base}/missing`,
      {},
      {
        timeoutMs: 5_000,
        retries: 3,
        maxResponseBytes: 1_000,
        sleep,
      },
    );
    assert.equal(response.status, 404);
    assert.deepEqual(sleeps, []);
  });

  it('stops reading a body over the size limit and fails, or truncates when asked', async () => {
    handlers.set('/huge', (_request, response) => {
      response.writeHead(200);
      const chunk = 'x'.repeat(64 * 1024);
      for (let index = 0; index < 64; index += 1) response.write(chunk);
      response.end();
    });
    await assert.rejects(
      fetchWithPolicy(`${base}/huge`, {}, { timeoutMs: 5_000, retries: 0, maxResponseBytes: 10_000 }),
      (error: unknown) =>
        error instanceof RunbookError &&
        error.code === 'provider.failed' &&
        /larger than 10000 bytes/.test(error.message),
    );
    const truncated = await fetchWithPolicy(
      `${base}/huge`,
      {},
      {
        timeoutMs: 5_000,
        retries: 0,
        maxResponseBytes: 10_000,
        oversize: 'truncate',
      },
    );
    assert.equal(truncated.truncated, true);
    assert.equal(truncated.body.byteLength, 10_000);
  });

  it('times out a slow server with provider.timeout naming host and path but not the query', async () => {
    handlers.set('/slow', (_request, response) => {
      setTimeout(() => response.writeHead(200).end('late'), 2_000).unref();
    });
    await assert.rejects(
      fetchWithPolicy(
        `${base}/slow?token=hunter2`,
        {},
        {
          timeoutMs: 200,
          retries: 2,
          maxResponseBytes: 1_000,
          service: 'prometheus',
        },
      ),
      (error: unknown) => {
        assert.ok(error instanceof RunbookError);
        assert.equal(error.code, 'provider.timeout');
        assert.match(error.message, /prometheus request to 127\.0\.0\.1:\d+\/slow timed out after 200 ms/);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
  });

  it('retries network errors and then fails with provider.failed', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { sleeps, sleep } = recordSleeps();
    await assert.rejects(
      fetchWithPolicy(
        `http://user:secret@127.0.0.1:${port}/x?api_key=abc`,
        {},
        {
          timeoutMs: 5_000,
          retries: 1,
          maxResponseBytes: 1_000,
          sleep,
          fetch: (url, init) => fetch(url.replace('user:secret@', ''), init),
        },
      ),
      (error: unknown) => {
        assert.ok(error instanceof RunbookError);
        assert.equal(error.code, 'provider.failed');
        assert.match(error.message, /failed after 2 attempt\(s\)/);
        assert.doesNotMatch(error.message, /secret|abc/);
        return true;
      },
    );
    assert.equal(sleeps.length, 1);
  });

  it('ends when the caller aborts', async () => {
    handlers.set('/hang', () => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100).unref();
    await assert.rejects(
      fetchWithPolicy(
        `${base}/hang`,
        {},
        {
          timeoutMs: 5_000,
          retries: 0,
          maxResponseBytes: 1_000,
          signal: controller.signal,
        },
      ),
      (error: unknown) => error instanceof RunbookError && /was cancelled/.test(error.message),
    );
  });
});
