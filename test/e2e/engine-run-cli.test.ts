import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { verifyAuditLog } from '../../src/audit/index.ts';
import { runCommand } from '../../src/cli/commands/run.ts';
import type { CliIO } from '../../src/cli/types.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/runbook.js');

const RUNBOOK = `id: web-health
name: Web health
description: Checks the disk and the health endpoint of the web tier.
service: web
severity: P2
categories: [disk-full, downstream-unavailable]
parameters:
  - name: url
    required: true
  - name: disk_percent
    type: number
    default: 97
  - name: out
    description: where the remediations leave their marker files
    default: .
diagnostics:
  - id: disk_usage
    name: Disk usage
    type: command
    command: [node, -e, 'console.log(\${disk_percent})']
    health:
      critical: 'fields.number > 90.0'
      warning: 'fields.number > 80.0'
    evidenceFor: [disk-full]
  - id: health_endpoint
    name: Health endpoint
    type: http_check
    url: '\${url}'
    timeout: 5s
    health:
      critical: 'value == 0.0'
    evidenceFor: [downstream-unavailable]
decision:
  - when: "diagnostics.disk_usage.status == 'critical'"
    conclusion: The disk is nearly full
    category: disk-full
    severity: P2
    recommend: [clean-tmp, recreate-volume]
  - when: "diagnostics.health_endpoint.status == 'critical'"
    conclusion: The health endpoint is down
    category: downstream-unavailable
remediations:
  - id: clean-tmp
    name: Clean temporary files
    type: automated
    risk: low
    action:
      type: run_command
      command: [node, -e, "require('fs').appendFileSync('\${out}/cleaned.txt', 'cleaned')"]
    rollback: nothing to undo
  - id: recreate-volume
    name: Recreate the volume
    type: automated
    risk: high
    action:
      type: run_command
      command: [node, -e, "require('fs').appendFileSync('\${out}/recreated.txt', 'x')"]
    rollback: restore the nightly snapshot
`;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let server: Server;
let baseUrl: string;

const { PATH = '' } = process.env;

function runbook(args: string[], cwd = dir): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: {
        PATH,
        HOME: cwd,
        USER: 'tester',
        RUNBOOK_RUNBOOKS_DIR: join(dir, 'runbooks'),
        RUNBOOK_DATA_DIR: join(cwd, 'data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Each test gets its own working directory (state, audit log, files remediations write). */
async function workdir(name: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  return path;
}

/** Drives the same command in this process through CliIO: faster than a spawn, same code path after argv. */
async function runInProcess(args: string[], cwd: string, prompt?: CliIO['prompt']): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    env: {
      PATH,
      USER: 'tester',
      RUNBOOK_RUNBOOKS_DIR: join(dir, 'runbooks'),
      RUNBOOK_DATA_DIR: join(cwd, 'data'),
    },
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    prompt,
    signal: new AbortController().signal,
  };
  const code = await runCommand.run(args, io);
  return { code, stdout, stderr };
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-run-cli-'));
  await mkdir(join(dir, 'runbooks'));
  await writeFile(join(dir, 'runbooks', 'web-health.yaml'), RUNBOOK);
  server = createServer((request, response) => {
    response.writeHead(request.url === '/health' ? 200 : 503, { 'content-type': 'text/plain' });
    response.end(request.url === '/health' ? 'ok' : 'down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('runbook run', () => {
  it('shows live progress, then a Markdown report, and leaves approvals pending without a terminal', async () => {
    const cwd = await workdir('report');
    const result = await runbook(['run', 'web-health', '--param', `url=${baseUrl}/health`], cwd);
    assert.equal(result.code, 0, result.stderr);
    const { stdout } = result;
    assert.match(stdout, /Running web-health v1 \([0-9a-f]{12}\) with url=http/);
    assert.match(stdout, /✓ disk_usage {2}critical +exit 0: 97/);
    assert.match(stdout, /✓ health_endpoint {2}healthy /);
    assert.match(stdout, /→ decision: The disk is nearly full/);
    assert.match(stdout, /Left pending: approval ap-[0-9a-f]+/);
    const report = stdout.slice(stdout.indexOf('# Web health'));
    for (const heading of [
      '## Parameters',
      '## Diagnostics',
      '## Decision path',
      '## Conclusion',
      '## Remediations',
      '## Timeline',
    ]) {
      assert.ok(report.includes(heading), `report has ${heading}`);
    }
    assert.match(report, /\| Disk usage \| \*\*critical\*\* \| 0 \|/);
    assert.match(report, /disk_usage \(command\): `node -e /);
    assert.match(report, /category: disk-full/);
    assert.match(report, /risk \*\*high\*\*/);
    assert.match(report, /rollback: restore the nightly snapshot/);
    assert.match(report, /approval ap-[0-9a-f]+: pending/);
    await assert.rejects(readFile(join(cwd, 'cleaned.txt')), /ENOENT/);
  });

  it('prints the run record as JSON with --json', async () => {
    const cwd = await workdir('json');
    const result = await runInProcess(
      ['web-health', '--json', '--param', `url=${baseUrl}/down`, '--param', 'disk_percent=10'],
      cwd,
    );
    assert.equal(result.code, 0, result.stderr);
    const record = JSON.parse(result.stdout) as {
      status: string;
      runbook: { id: string; hash: string };
      params: Record<string, unknown>;
      conclusion: { category: string };
      events: Array<{ type: string }>;
    };
    assert.equal(record.status, 'completed');
    assert.equal(record.runbook.id, 'web-health');
    assert.deepEqual(record.params, { url: `${baseUrl}/down`, disk_percent: 10, out: '.' });
    assert.equal(record.conclusion.category, 'downstream-unavailable');
    assert.equal(record.events[0]?.type, 'run.started');
    assert.equal(record.events.at(-1)?.type, 'run.finished');
  });

  it('approves low risk with --yes, refuses --yes for high risk, and validates after the action', async () => {
    const cwd = await workdir('yes');
    const result = await runbook(['run', 'web-health', '--yes', '--param', `url=${baseUrl}/health`], cwd);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(await readFile(join(cwd, 'cleaned.txt'), 'utf8'), 'cleaned', 'the low-risk action ran once');
    await assert.rejects(readFile(join(cwd, 'recreated.txt')), /ENOENT/);
    assert.match(result.stdout, /--yes is refused for high-risk actions: recreate-volume/);
    assert.match(result.stdout, /approval ap-[0-9a-f]+ approved by cli:tester/);
    assert.match(result.stdout, /validation failed: still critical: disk_usage/);
    const verify = await verifyAuditLog(join(cwd, 'data', 'audit.jsonl'));
    assert.ok(verify.ok, JSON.stringify(verify));
  });

  it('exits 2 on bad usage and 1 on errors, saying what is wrong', async () => {
    const cwd = await workdir('errors');
    const noId = await runbook(['run'], cwd);
    assert.equal(noId.code, 2);
    assert.match(noId.stderr, /which runbook/);
    const badFlag = await runInProcess(['web-health', '--param', 'novalue'], cwd);
    assert.equal(badFlag.code, 2);
    const badParam = await runInProcess(['web-health', '--param', 'url=http://x/$(reboot)'], cwd);
    assert.equal(badParam.code, 2);
    assert.match(badParam.stderr, /parameter "url"/);
    const unknown = await runInProcess(['web-healht'], cwd);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no runbook "web-healht".*did you mean|web-health/);
  });

  it('asks at the terminal, showing the dry run, risk and rollback, and acts on each answer', async () => {
    const cwd = await workdir('prompt');
    const questions: string[] = [];
    const answers = ['n', 'y'];
    const prompt = async (question: string) => {
      questions.push(question);
      return answers.shift();
    };
    const args = ['web-health', '--param', `url=${baseUrl}/health`, '--param', `out=${cwd}`];
    const { code, stdout } = await runInProcess(args, cwd, prompt);
    assert.equal(code, 0, stdout);
    assert.deepEqual(questions, ['Approve clean-tmp? [y/N] ', 'Approve recreate-volume? [y/N] ']);
    assert.match(stdout, /risk: +high\n {2}plan: +Run node -e/);
    assert.match(stdout, /rollback: restore the nightly snapshot/);
    await assert.rejects(readFile(join(cwd, 'cleaned.txt')), /ENOENT/, 'denied: nothing ran');
    assert.equal(
      await readFile(join(cwd, 'recreated.txt'), 'utf8'),
      'x',
      'a person may approve high risk at the prompt',
    );
    assert.match(stdout, /approval ap-[0-9a-f]+ denied by cli:tester/);
    assert.match(stdout, /approval ap-[0-9a-f]+: approved by cli:tester/);
  });
});
