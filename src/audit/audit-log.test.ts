import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openAuditLog } from './audit-log.ts';
import { GENESIS_HASH, hashRecord } from './hash-record.ts';
import { createRedactor } from './redact.ts';
import type { AuditRecord } from './types.ts';
import { verifyAuditLog } from './verify-audit-log.ts';

const run = promisify(execFile);
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runbook-audit-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

let counter = 0;
function freshPath(): string {
  counter += 1;
  return join(dir, `case-${counter}`, 'audit.jsonl');
}

async function writeRecords(path: string, count: number): Promise<AuditRecord[]> {
  const log = await openAuditLog(path);
  const records: AuditRecord[] = [];
  for (let i = 0; i < count; i += 1) {
    records.push(await log.append({ actor: 'U1', type: 'check.finished', run_id: 'r1', data: { i } }));
  }
  await log.close();
  return records;
}

async function lines(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');
}

describe('openAuditLog', () => {
  it('chains records from a genesis hash of 64 zeros, one JSON object a line', async () => {
    const path = freshPath();
    const fixed = new Date('2024-05-01T03:00:00.000Z');
    const log = await openAuditLog(path, { now: () => fixed });
    const first = await log.append({
      actor: 'U1',
      type: 'run.started',
      run_id: 'r1',
      runbook: 'disk',
      version: '3',
      data: { a: 1 },
    });
    const second = await log.append({ actor: 'U1', type: 'run.finished', data: null });
    await log.close();
    assert.equal(first.seq, 1);
    assert.equal(first.prev_hash, GENESIS_HASH);
    assert.equal(first.ts, '2024-05-01T03:00:00.000Z');
    assert.equal(first.hash, hashRecord(first));
    assert.equal(second.seq, 2);
    assert.equal(second.prev_hash, first.hash);
    assert.equal(second.run_id, null);
    const stored = (await lines(path)).map((line) => JSON.parse(line) as AuditRecord);
    assert.deepEqual(stored, [first, second]);
  });

  it('continues the chain after reopening', async () => {
    const path = freshPath();
    const [, last] = await writeRecords(path, 2);
    const log = await openAuditLog(path);
    const next = await log.append({ actor: 'U1', type: 'x', data: {} });
    await log.close();
    assert.equal(next.seq, 3);
    assert.equal(next.prev_hash, last?.hash);
    assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 3 });
  });

  it('redacts secrets before hashing, so the stored line verifies', async () => {
    const path = freshPath();
    const log = await openAuditLog(path, { redactor: createRedactor(['s3cret-value']) });
    const record = await log.append({
      actor: 'U1',
      type: 'check.finished',
      data: {
        url: 'https://u:pw@host/x',
        note: 'uses s3cret-value',
        headers: { authorization: 'Bearer abcdefgh' },
      },
    });
    await log.close();
    const text = await readFile(path, 'utf8');
    for (const secret of ['pw@host', 's3cret-value', 'abcdefgh']) assert.ok(!text.includes(secret));
    assert.deepEqual(record.data, {
      headers: { authorization: '[REDACTED]' },
      note: 'uses [REDACTED]',
      url: 'https://[REDACTED]@host/x',
    });
    assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 1 });
  });

  it('serialises concurrent appends into one unbroken chain', async () => {
    const path = freshPath();
    const log = await openAuditLog(path);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => log.append({ actor: 'a', type: 't', data: { i } })),
    );
    await log.close();
    assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 100 });
  });

  it('moves a torn last line aside on open and keeps the earlier lines', async () => {
    const path = freshPath();
    await writeRecords(path, 3);
    const before = await readFile(path, 'utf8');
    await appendFile(path, '{"ts":"2024-05-01T03:00:00.000Z","seq":4,"prev_');
    const log = await openAuditLog(path);
    const next = await log.append({ actor: 'U1', type: 'after.crash', data: {} });
    await log.close();
    assert.equal(next.seq, 4);
    assert.ok((await readFile(path, 'utf8')).startsWith(before));
    const aside = (await readdir(join(path, '..'))).filter((name) => name.startsWith('audit.jsonl.torn-'));
    assert.equal(aside.length, 1);
    assert.equal(
      await readFile(join(path, '..', aside[0]!), 'utf8'),
      '{"ts":"2024-05-01T03:00:00.000Z","seq":4,"prev_',
    );
    assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 4 });
  });

  it('refuses to continue a chain whose last complete line is not JSON', async () => {
    const path = freshPath();
    await writeRecords(path, 1);
    await appendFile(path, 'garbage\n');
    await assert.rejects(openAuditLog(path), { code: 'audit.corrupt' });
  });

  it('keeps one valid chain when two processes append to the same file at once', async () => {
    const path = freshPath();
    await writeRecords(path, 1);
    const moduleUrl = new URL('./audit-log.ts', import.meta.url).href;
    const script = `
      const { openAuditLog } = await import(${JSON.stringify(moduleUrl)});
      const log = await openAuditLog(process.argv[1]);
      await Promise.all(Array.from({ length: 150 }, (_, i) => log.append({ actor: process.argv[2], type: 't', data: { i } })));
      await log.close();`;
    const child = (name: string) =>
      run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, path, name], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
      });
    await Promise.all([child('one'), child('two')]);
    assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 301 });
  });
});

describe('verifyAuditLog', () => {
  it('accepts an empty log', async () => {
    const path = freshPath();
    await writeRecords(path, 0);
    assert.deepEqual(await verifyAuditLog(path), { ok: true, records: 0 });
  });

  it('reports an edited line as a hash mismatch on that line', async () => {
    const path = freshPath();
    await writeRecords(path, 4);
    const all = await lines(path);
    all[2] = all[2]!.replace('"i":2', '"i":7');
    await writeFile(path, `${all.join('\n')}\n`);
    const result = await verifyAuditLog(path);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.line === 3 && /hash mismatch/.test(result.reason));
  });

  it('reports an edited line whose hash was recomputed on the next line', async () => {
    const path = freshPath();
    await writeRecords(path, 4);
    const all = await lines(path);
    const forged = JSON.parse(all[1]!) as AuditRecord;
    forged.data = { i: 99 };
    forged.hash = hashRecord(forged);
    all[1] = JSON.stringify(forged);
    await writeFile(path, `${all.join('\n')}\n`);
    const result = await verifyAuditLog(path);
    assert.ok(!result.ok && result.line === 3 && /prev_hash/.test(result.reason), JSON.stringify(result));
  });

  it('reports a removed line', async () => {
    const path = freshPath();
    await writeRecords(path, 4);
    const all = await lines(path);
    all.splice(1, 1);
    await writeFile(path, `${all.join('\n')}\n`);
    const result = await verifyAuditLog(path);
    assert.ok(!result.ok && result.line === 2 && /removed/.test(result.reason), JSON.stringify(result));
  });

  it('reports reordered lines', async () => {
    const path = freshPath();
    await writeRecords(path, 4);
    const all = await lines(path);
    [all[1], all[2]] = [all[2]!, all[1]!];
    await writeFile(path, `${all.join('\n')}\n`);
    const result = await verifyAuditLog(path);
    assert.ok(!result.ok && result.line === 2, JSON.stringify(result));
  });

  it('reports invalid JSON and records of the wrong shape', async () => {
    const path = freshPath();
    await writeRecords(path, 2);
    await appendFile(path, '{"not json\n');
    const broken = await verifyAuditLog(path);
    assert.ok(!broken.ok && broken.line === 3 && /invalid JSON/.test(broken.reason));

    const other = freshPath();
    await writeRecords(other, 1);
    await appendFile(other, '{"seq":2}\n');
    const shape = await verifyAuditLog(other);
    assert.ok(!shape.ok && shape.line === 2 && /not an audit record/.test(shape.reason));
  });

  it('reports a torn last line as incomplete', async () => {
    const path = freshPath();
    await writeRecords(path, 2);
    await appendFile(path, '{"ts":"2024');
    const result = await verifyAuditLog(path);
    assert.ok(!result.ok && result.line === 3 && /incomplete last line/.test(result.reason));
  });
});
