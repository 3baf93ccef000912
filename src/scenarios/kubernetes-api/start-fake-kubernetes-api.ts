import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { statusError } from './api-responses.ts';
import type { ApiState } from './api-state.ts';
import { handleRequest } from './handle-request.ts';
import { buildCatalog } from './resource-catalog.ts';
import type { FakeKubernetesApi, FakeKubernetesApiOptions, KubernetesFixture } from './types.ts';

const MAX_BODY_BYTES = 1_000_000;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function kubeconfigYaml(url: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'fake',
    clusters: [{ name: 'fake', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'runbook', user: { token } }],
    contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'runbook', namespace: 'default' } }],
  });
}

/**
 * Serves a fixture's objects and logs on 127.0.0.1 (a free port) with the Kubernetes API's wire
 * format, close enough for `@kubernetes/client-node` and `kubectl`. Writes are recorded and, unless
 * `applyWrites` is set, not applied. Writes a kubeconfig pointing at it into a private temp dir.
 */
export async function startFakeKubernetesApi(
  fixture: KubernetesFixture,
  options: FakeKubernetesApiOptions = {},
): Promise<FakeKubernetesApi> {
  const token = options.token ?? 'runbook-fake-token';
  const objects = fixture.objects.map((object) => structuredClone(object));
  const state: ApiState = {
    objects,
    logs: fixture.logs,
    catalog: buildCatalog(objects),
    writes: [],
    applyWrites: options.applyWrites ?? false,
    clock: options.clock ?? (() => new Date()),
    serverAddress: '127.0.0.1:0',
    resourceVersion: 1000 + objects.length,
  };
  const server = createServer((request, response) => {
    const send = (answer: { status: number; contentType: string; body: string }) => {
      response.writeHead(answer.status, {
        'content-type': answer.contentType,
        'cache-control': 'no-cache, private',
      });
      response.end(request.method === 'HEAD' ? undefined : answer.body);
    };
    // kubectl sends no bearer token to a plain-http server, so only a wrong token is refused.
    const authorization = request.headers.authorization;
    if (authorization !== undefined && authorization !== `Bearer ${token}`) {
      send(statusError(401, 'Unauthorized'));
      return;
    }
    readBody(request).then(
      (body) =>
        send(
          handleRequest(state, {
            method: request.method ?? 'GET',
            url: request.url ?? '/',
            contentType: request.headers['content-type'] ?? '',
            accept: request.headers.accept ?? '',
            body,
          }),
        ),
      (error: unknown) => send(statusError(400, error instanceof Error ? error.message : String(error))),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  state.serverAddress = `127.0.0.1:${port}`;
  const dir = await mkdtemp(join(tmpdir(), 'runbook-kube-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    await writeFile(kubeconfigPath, kubeconfigYaml(url, token), { mode: 0o600 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, kubeconfigPath, writes: () => state.writes.map((write) => structuredClone(write)), stop };
}
