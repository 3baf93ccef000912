import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { GENESIS_HASH, hashRecord } from './hash-record.ts';
import type { AuditRecord } from './types.ts';

export type AuditVerifyResult = { ok: true; records: number } | { ok: false; line: number; reason: string };

const HEX_64 = /^[0-9a-f]{64}$/;

function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as { [K in keyof AuditRecord]?: unknown };
  const checks: Array<[string, boolean]> = [
    ['ts', typeof record.ts === 'string'],
    ['seq', Number.isSafeInteger(record.seq)],
    ['prev_hash', typeof record.prev_hash === 'string' && HEX_64.test(record.prev_hash)],
    ['hash', typeof record.hash === 'string' && HEX_64.test(record.hash)],
    ['run_id', record.run_id === null || typeof record.run_id === 'string'],
    ['runbook', record.runbook === null || typeof record.runbook === 'string'],
    ['version', record.version === null || typeof record.version === 'string'],
    ['actor', typeof record.actor === 'string'],
    ['type', typeof record.type === 'string'],
    ['data', 'data' in record],
  ];
  const bad = checks.find(([, ok]) => !ok);
  return bad ? `not an audit record: missing or invalid "${bad[0]}"` : undefined;
}

async function endsWithNewline(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

/**
 * Walks the whole chain and reports the first line that was edited (hash mismatch), removed or
 * reordered (seq gap, prev_hash mismatch), or is not a record at all. Removing lines from the end
 * leaves a valid shorter chain; compare the last hash with one kept elsewhere to catch that.
 */
export async function verifyAuditLog(path: string): Promise<AuditVerifyResult> {
  const completeFile = await endsWithNewline(path);
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  let previous: Pick<AuditRecord, 'seq' | 'hash'> = { seq: 0, hash: GENESIS_HASH };
  try {
    for await (const text of lines) {
      lineNumber += 1;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        const reason = (error as Error).message;
        return {
          ok: false,
          line: lineNumber,
          reason: completeFile
            ? `invalid JSON (${reason})`
            : `incomplete last line (the writer stopped mid-record; the log moves it aside when next opened)`,
        };
      }
      const problem = shapeProblem(parsed);
      if (problem) return { ok: false, line: lineNumber, reason: problem };
      const record = parsed as AuditRecord;
      if (hashRecord(record) !== record.hash) {
        return {
          ok: false,
          line: lineNumber,
          reason: 'hash mismatch: the record was changed after it was written',
        };
      }
      if (record.seq !== previous.seq + 1) {
        const what =
          record.seq > previous.seq + 1
            ? 'a record before it was removed'
            : 'records were reordered or duplicated';
        return {
          ok: false,
          line: lineNumber,
          reason: `seq ${record.seq} where ${previous.seq + 1} was expected: ${what}`,
        };
      }
      if (record.prev_hash !== previous.hash) {
        return {
          ok: false,
          line: lineNumber,
          reason: 'prev_hash does not match the previous record: a record was removed, replaced or reordered',
        };
      }
      previous = record;
    }
  } finally {
    lines.close();
  }
  return { ok: true, records: lineNumber };
}
