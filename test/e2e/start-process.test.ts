import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { createSlackRequester } from '../fakes/slack-requests.ts';

const root = join(import.meta.dirname, '../..');
const SIGNING_SECRET = 'process-signing-secret';

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${output()}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app never became healthy:\n${output()}`);
}

describe('npm start, as a whole process', () => {
  let slack: FakeSlack;
  let child: ChildProcess;
  let dataDir: string;
  let port: number;
  let output = '';

  before(async () => {
    slack = await startFakeSlack();
    dataDir = await mkdtemp(join(tmpdir(), 'runbook-start-'));
    port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: dataDir,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        RUNBOOK_DATA_DIR: dataDir,
        RUNBOOK_APPROVERS: 'U0APPROVER',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, () => output);
  });

  after(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    await slack?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a signed slash command on POST /slack/events and rejects a forged one', async () => {
    const requester = createSlackRequester({
      appUrl: `http://127.0.0.1:${port}`,
      signingSecret: SIGNING_SECRET,
      slack,
    });
    const listed = await requester.command('list', { user: 'U0ALICE', channel: 'C0OPS' });
    assert.equal(listed.status, 200);
    const answer = await slack.waitFor(
      () =>
        slack.responses.find((response) => response.id === listed.responseUrl.split('/').at(-1)) ??
        slack.responses.at(-1),
      10_000,
    );
    assert.match(JSON.stringify(answer.body), /db-connection-exhaustion/);

    const forged = await requester.command('list', { user: 'U0MALLORY' }, { signWith: 'not-the-secret' });
    assert.equal(forged.status, 401);
  });

  it('serves readiness and its own metrics in Prometheus exposition format', async () => {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    assert.equal(ready.status, 200);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /^# (HELP|TYPE) \w+/m);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0, output);
  });
});
