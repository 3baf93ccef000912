import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { abortCommand, pauseCommand, resumeCommand } from '../../src/cli/commands/run-control.ts';
import { runsCommand } from '../../src/cli/commands/runs.ts';
import type { CliCommand, CliIO } from '../../src/cli/types.ts';
import type { RunRecord } from '../../src/runs/index.ts';
import { createSqliteStateStore } from '../../src/state/index.ts';
import { eventLog, procedureService, removeDir, stepIs, tempDir } from './procedures-harness.ts';

const MAINTENANCE = `id: node-maintenance
name: Node maintenance
mode: procedure
steps:
  - id: drain
    instruction: Drain the node.
  - id: patch
    instruction: Patch the node.
`;
const FILES = { 'node-maintenance.yaml': MAINTENANCE };

let dir: string;
before(async () => {
  dir = await tempDir('runbook-runs-control-');
});
after(async () => {
  await removeDir(dir);
});

/** Two processes' run services (A executes, B controls) over one SQLite data dir. */
async function twoProcesses(name: string) {
  const data = join(dir, name, 'data');
  const a = await procedureService(join(dir, name, 'a'), FILES, {
    store: createSqliteStateStore({ dataDir: data }),
  });
  const b = await procedureService(join(dir, name, 'b'), FILES, {
    store: createSqliteStateStore({ dataDir: data }),
  });
  return { a, b, data, close: async () => Promise.all([a.close(), b.close()]) };
}

describe('pause, resume and abort from another process', () => {
  it('pauses, resumes and aborts a procedure waiting on a person in the process that executes it', async () => {
    const { a, b, close } = await twoProcesses('round-trip');
    try {
      const log = eventLog();
      const handle = await a.service.startRunbook(
        { runbookId: 'node-maintenance', params: {}, actor: 'U1', origin: { source: 'slack' } },
        log.sink,
      );
      await log.next(stepIs('drain', 'waiting'));

      const paused = await b.service.pause(handle.runId, 'cli:ops');
      assert.equal(paused.status, 'paused');
      assert.equal((await a.service.get(handle.runId))?.status, 'paused');

      // The answered step finishes; the next one waits behind the pause at the step boundary.
      await a.service.answerStep(handle.runId, 'drain', 'done', { id: 'U1', via: 'slack' });
      await log.next(stepIs('drain', 'complete'));
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal(log.events.filter(stepIs('patch', 'waiting')).length, 0);
      assert.deepEqual(b.service.waitingSteps(), []);

      const resumed = await b.service.resume(handle.runId, 'cli:ops');
      assert.equal(resumed.status, 'running');
      await log.next(stepIs('patch', 'waiting'));
      assert.deepEqual(b.service.waitingSteps(), [], 'B must not take the run up itself');

      const aborted = await b.service.abort(handle.runId, 'cli:ops');
      assert.equal(aborted.status, 'cancelled');
      assert.equal((await handle.done).status, 'cancelled');

      const audit = await readFile(join(dir, 'round-trip', 'a', 'audit.jsonl'), 'utf8');
      for (const type of ['run.paused', 'run.resumed', 'run.aborted']) {
        assert.match(
          audit,
          new RegExp(`"type":"${type}"[^\\n]*"actor":"cli:ops"|"actor":"cli:ops"[^\\n]*"type":"${type}"`),
        );
      }
    } finally {
      await close();
    }
  });

  it('refuses to pause a run that is already paused elsewhere', async () => {
    const { a, b, close } = await twoProcesses('twice');
    try {
      const log = eventLog();
      const handle = await a.service.startRunbook(
        { runbookId: 'node-maintenance', params: {}, actor: 'U1', origin: { source: 'slack' } },
        log.sink,
      );
      await log.next(stepIs('drain', 'waiting'));
      await b.service.pause(handle.runId, 'cli:ops');
      await assert.rejects(b.service.pause(handle.runId, 'cli:ops'), { code: 'run.invalid_state' });
      await b.service.abort(handle.runId, 'cli:ops');
      assert.equal((await handle.done).status, 'cancelled');
    } finally {
      await close();
    }
  });

  it('marks a running run cancelled directly when the process that executed it is gone', async () => {
    const { b, close } = await twoProcesses('orphan');
    try {
      const orphan: RunRecord = {
        id: 'run-orphan',
        kind: 'runbook',
        target: 'node-maintenance',
        params: {},
        status: 'running',
        actor: 'U1',
        origin: { source: 'slack' },
        startedAt: new Date(Date.now() - 60_000).toISOString(),
        events: [],
        approvalIds: [],
      };
      await b.store.set('run:run-orphan', orphan);
      const aborted = await b.service.abort('run-orphan', 'cli:ops');
      assert.equal(aborted.status, 'cancelled');
      assert.equal((await b.service.get('run-orphan'))?.status, 'cancelled');
    } finally {
      await close();
    }
  });
});

async function cli(command: CliCommand, args: string[], data: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    env: {
      PATH: process.env['PATH'],
      USER: 'tester',
      RUNBOOK_RUNBOOKS_DIR: join(dir, 'cli', 'a', 'runbooks'),
      RUNBOOK_DATA_DIR: data,
    },
    cwd: dir,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    prompt: undefined,
    signal: new AbortController().signal,
  };
  const code = await command.run(args, io);
  return { code, stdout, stderr };
}

describe('runbook pause, resume, abort and runs at the terminal', () => {
  it('controls a run held by a server process over the same data dir, and lists it', async () => {
    const data = join(dir, 'cli', 'data');
    const a = await procedureService(join(dir, 'cli', 'a'), FILES, {
      store: createSqliteStateStore({ dataDir: data }),
    });
    try {
      const log = eventLog();
      const handle = await a.service.startRunbook(
        { runbookId: 'node-maintenance', params: {}, actor: 'U1', origin: { source: 'slack' } },
        log.sink,
      );
      await log.next(stepIs('drain', 'waiting'));

      const listed = await cli(runsCommand, ['--status', 'running'], data);
      assert.equal(listed.code, 0, listed.stderr);
      assert.match(listed.stdout, /ID\s+KIND\s+RUNBOOK\/TARGET\s+STATUS\s+STARTED\s+ELAPSED/);
      assert.match(listed.stdout, new RegExp(`${handle.runId}\\s+runbook\\s+node-maintenance v1\\s+running`));

      const paused = await cli(pauseCommand, [handle.runId], data);
      assert.equal(paused.code, 0, paused.stderr);
      assert.match(paused.stdout, /paused \(now paused\)/);
      assert.equal((await a.service.get(handle.runId))?.status, 'paused');

      const resumed = await cli(resumeCommand, [handle.runId], data);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal((await a.service.get(handle.runId))?.status, 'running');

      const aborted = await cli(abortCommand, [handle.runId], data);
      assert.equal(aborted.code, 0, aborted.stderr);
      assert.match(aborted.stdout, /aborted \(now cancelled\)/);
      assert.equal((await handle.done).status, 'cancelled');

      const json = await cli(runsCommand, ['--json', '--status', 'cancelled'], data);
      const rows = JSON.parse(json.stdout) as Array<{ id: string; status: string; elapsed: string }>;
      assert.deepEqual(
        rows.map((row) => [row.id, row.status]),
        [[handle.runId, 'cancelled']],
      );
    } finally {
      await a.close();
    }
  });

  it('says what is wrong for an unknown run or a bad status filter', async () => {
    const data = join(dir, 'cli-errors', 'data');
    await mkdir(join(dir, 'cli', 'a', 'runbooks'), { recursive: true });
    await writeFile(join(dir, 'cli', 'a', 'runbooks', 'node-maintenance.yaml'), MAINTENANCE);
    const missing = await cli(pauseCommand, ['run-nope'], data);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no run "run-nope"/);
    const bad = await cli(runsCommand, ['--status', 'sleeping'], data);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--status takes one of running, paused/);
  });
});
