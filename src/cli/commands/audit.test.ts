import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openAuditLog } from '../../audit/index.ts';
import type { CliIO } from '../types.ts';
import { auditCommand } from './audit.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-cli-audit-'));
  const log = await openAuditLog(join(dir, 'audit.jsonl'));
  for (let i = 0; i < 3; i += 1) await log.append({ actor: 'U1', type: 'check.finished', data: { i } });
  await log.close();
});
after(() => rm(dir, { recursive: true, force: true }));

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    env: {},
    cwd: dir,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    prompt: undefined,
    signal: new AbortController().signal,
  };
}

it('prints the record count and exits 0 for an intact chain', async () => {
  const terminal = io();
  assert.equal(await auditCommand.run(['verify', 'audit.jsonl'], terminal), 0);
  assert.deepEqual(terminal.out, ['ok: 3 records, chain intact\n']);
});

it('names the first bad line and exits 1 when a line was edited', async () => {
  const text = await readFile(join(dir, 'audit.jsonl'), 'utf8');
  await writeFile(join(dir, 'edited.jsonl'), text.replace('"i":1', '"i":5'));
  const terminal = io();
  assert.equal(await auditCommand.run(['verify', 'edited.jsonl'], terminal), 1);
  assert.match(terminal.err.join(''), /^edited\.jsonl:2: hash mismatch/);
});

it('exits 1 with a clear line for a missing file and 2 for bad usage', async () => {
  const missing = io();
  assert.equal(await auditCommand.run(['verify', 'nope.jsonl'], missing), 1);
  assert.match(missing.err.join(''), /^nope\.jsonl: cannot read it/);
  assert.equal(await auditCommand.run(['check'], io()), 2);
});

it('runs as `runbook audit verify` from the real command line', () => {
  const bin = fileURLToPath(new URL('../../../bin/runbook.js', import.meta.url));
  const result = spawnSync(process.execPath, [bin, 'audit', 'verify', join(dir, 'audit.jsonl')], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, 'ok: 3 records, chain intact\n');
});
