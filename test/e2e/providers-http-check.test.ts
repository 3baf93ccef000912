import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHttpCheckProvider } from '../../src/providers/http/index.ts';
import type { CheckContext, Provider } from '../../src/providers/types.ts';

type Step = Parameters<Provider<'http_check'>['check']>[0];

const context = (): CheckContext => ({ params: {}, now: new Date(), signal: AbortSignal.timeout(10_000) });
const step = (url: string | string[], extra: Partial<Step> = {}): Step => ({
  id: 'probe',
  type: 'http_check',
  url,
  ...extra,
});

function routes(hosts: string[]) {
  return (request: IncomingMessage, response: ServerResponse) => {
    hosts.push(request.headers.host ?? '');
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/health')
      response.writeHead(200, { 'content-type': 'text/plain' }).end('status: ok, db: up');
    else if (path === '/down') response.writeHead(503).end('upstream unavailable');
    else if (path.startsWith('/slow'))
      setTimeout(() => response.writeHead(200).end('late'), Number(path.slice(6) || 2_000)).unref();
    else response.writeHead(404).end();
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function close(server: Server | undefined): void {
  server?.closeAllConnections();
  server?.close();
}

function openssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('http_check against local servers', () => {
  const hosts: string[] = [];
  let server: Server;
  let base: string;

  before(async () => {
    server = createServer(routes(hosts));
    base = `http://127.0.0.1:${await listen(server)}`;
  });
  after(() => close(server));

  it('passes a 200 whose body matches, reporting status and latency', async () => {
    const result = await createHttpCheckProvider().check(
      step(`${base}/health`, { bodyMatch: 'db: up' }),
      context(),
    );
    assert.equal(result.status, 'ok');
    assert.equal(result.value, 1);
    assert.equal(result.fields['status'], 200);
    assert.equal(result.fields['ok'], true);
    assert.equal(result.fields['body_matched'], true);
    assert.equal(typeof result.fields['latency_ms'], 'number');
    assert.match(result.summary, /^passed: http:\/\/127\.0\.0\.1:\d+\/health: 200 in \d+ ms$/);
  });

  it('fails a body that does not match a /regex/ and a status that is not expected', async () => {
    const provider = createHttpCheckProvider();
    const mismatch = await provider.check(
      step(`${base}/health`, { bodyMatch: '/db: (down|degraded)/' }),
      context(),
    );
    assert.equal(mismatch.value, 0);
    assert.equal(mismatch.fields['body_matched'], false);
    const down = await provider.check(step(`${base}/down`), context());
    assert.equal(down.value, 0);
    assert.equal(down.fields['status'], 503);
    const expected = await provider.check(step(`${base}/down`, { expectStatus: 503 }), context());
    assert.equal(expected.value, 1);
  });

  it('fails a slow server at the step timeout without failing the run', async () => {
    const started = performance.now();
    const result = await createHttpCheckProvider().check(
      step(`${base}/slow`, { timeout: '300ms' }),
      context(),
    );
    assert.ok(performance.now() - started < 1_500);
    assert.equal(result.status, 'ok');
    assert.equal(result.value, 0);
    assert.match(String(result.items[0]?.['error']), /timed out after 300 ms/);
  });

  it('checks several URLs concurrently, one item each, and passes only when all pass', async () => {
    const started = performance.now();
    const result = await createHttpCheckProvider().check(
      step([`${base}/slow/400`, `${base}/slow/400`, `${base}/down`]),
      context(),
    );
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 750, `three probes took ${elapsed} ms; they should run side by side`);
    assert.equal(result.items.length, 3);
    assert.equal(result.value, 0);
    assert.equal(result.fields['passed'], 2);
    assert.match(result.summary, /^2\/3 URLs passed; failing: .*\/down: 503/);
  });

  it('sends an overridden host to its address and keeps the original Host header', async () => {
    const port = new URL(base).port;
    const provider = createHttpCheckProvider({ hostOverrides: { 'fraud-service': `127.0.0.1:${port}` } });
    const result = await provider.check(step('http://fraud-service/health?token=abc'), context());
    assert.equal(result.value, 1, result.summary);
    assert.equal(hosts.at(-1), 'fraud-service');
    assert.equal(result.query, 'http://fraud-service/health', 'the query string stays out of the evidence');
  });

  it('refuses schemes other than http and https', async () => {
    const result = await createHttpCheckProvider().check(step('file:///etc/passwd'), context());
    assert.equal(result.status, 'error');
    assert.match(result.error ?? '', /only http and https/);
  });

  describe('https', {
    skip: openssl() ? false : 'openssl is not on PATH: cannot make a test certificate',
  }, () => {
    let dir: string;
    let tlsServer: Server;
    let cert: string;
    let overrides: Record<string, string>;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'runbook-http-check-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-days',
          '30',
          '-subj',
          '/CN=fraud-service',
          '-addext',
          'subjectAltName=DNS:fraud-service',
        ],
        { stdio: 'ignore' },
      );
      cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
      tlsServer = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, routes(hosts));
      overrides = { 'fraud-service': `127.0.0.1:${await listen(tlsServer)}` };
    });
    after(() => {
      close(tlsServer);
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports the certificate days left when the certificate is trusted', async () => {
      const provider = createHttpCheckProvider({ hostOverrides: overrides, ca: cert });
      const result = await provider.check(step('https://fraud-service/health'), context());
      assert.equal(result.value, 1, result.summary);
      assert.ok(
        [29, 30].includes(result.fields['cert_days_left'] as number),
        `got ${result.fields['cert_days_left']}`,
      );
      assert.match(result.summary, /certificate expires in (29|30) days/);
    });

    it('fails an untrusted certificate before sending the request, still reporting its days left', async () => {
      const before = hosts.length;
      const result = await createHttpCheckProvider({ hostOverrides: overrides }).check(
        step('https://fraud-service/health'),
        context(),
      );
      assert.equal(result.value, 0);
      assert.match(String(result.items[0]?.['tls_error']), /self.signed/i);
      assert.ok([29, 30].includes(result.fields['cert_days_left'] as number));
      assert.equal(hosts.length, before, 'no request went over the unverified connection');
    });

    it('accepts an untrusted certificate when checkCertificate is false', async () => {
      const result = await createHttpCheckProvider({ hostOverrides: overrides }).check(
        step('https://fraud-service/health', { checkCertificate: false }),
        context(),
      );
      assert.equal(result.value, 1, result.summary);
    });
  });
});
