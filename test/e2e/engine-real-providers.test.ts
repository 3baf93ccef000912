import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type ProgressEvent, runDiagnostics } from '../../src/engine/index.ts';
import { compileExpression, HEALTH_VARIABLES } from '../../src/expressions/index.ts';
import { createCommandProvider } from '../../src/providers/command/index.ts';
import { createHttpCheckProvider } from '../../src/providers/http/index.ts';
import type { DiagnosticDefinition } from '../../src/runbooks/schema.ts';

const { PATH } = process.env;
let server: Server;
let base: string;
const sockets = new Set<Socket>();

before(async () => {
  server = createServer((request, response) => {
    if (request.url === '/hang') return; // never answers: the step's timeout must end it
    response.writeHead(request.url === '/ok' ? 200 : 503);
    response.end(request.url === '/ok' ? 'fine' : 'down');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const options = (emit?: (event: ProgressEvent) => void) => ({
  providers: {
    http_check: createHttpCheckProvider(),
    command: createCommandProvider({ processEnv: { PATH } }),
  },
  expression: (source: string) => compileExpression(source, HEALTH_VARIABLES),
  params: {},
  runId: 'e2e',
  now: () => new Date(),
  signal: new AbortController().signal,
  ...(emit ? { emit } : {}),
});

describe('diagnostics with the real HTTP and command providers', () => {
  it('reports a hanging endpoint and a hanging command as errors at their timeouts while the rest completes', async () => {
    const steps: DiagnosticDefinition[] = [
      { id: 'hangs', type: 'http_check', url: `${base}/hang`, timeout: '300ms' },
      {
        id: 'sleeps',
        type: 'command',
        command: ['node', '-e', 'setTimeout(() => {}, 10000)'],
        timeout: '500ms',
      },
      { id: 'up', type: 'http_check', url: `${base}/ok`, health: { critical: 'value == 0.0' } },
      { id: 'down', type: 'http_check', url: `${base}/broken`, health: { critical: 'value == 0.0' } },
      {
        id: 'disk',
        type: 'command',
        command: ['node', '-e', 'console.log(93)'],
        health: { critical: 'fields.number > 90.0' },
      },
    ];
    const events: ProgressEvent[] = [];
    const started = performance.now();
    const outcomes = await runDiagnostics(
      steps,
      options((event) => events.push(event)),
    );
    const wallMs = performance.now() - started;
    assert.ok(wallMs < 5000, `took ${wallMs} ms`);
    const health = Object.fromEntries(outcomes.map((outcome) => [outcome.step.id, outcome.health]));
    assert.deepEqual(health, {
      hangs: 'error',
      sleeps: 'error',
      up: 'healthy',
      down: 'critical',
      disk: 'critical',
    });
    assert.match(outcomes[0]?.reason ?? '', /time/i);
    assert.match(outcomes[1]?.reason ?? '', /timed out/);
    assert.equal(outcomes[2]?.outcome.query?.includes('/ok'), true);
    assert.equal(events.filter((event) => event.type === 'check.finished').length, steps.length);
  });
});
