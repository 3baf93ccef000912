import { type FileHandle, mkdir, open, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { RunbookError } from '../errors/index.ts';
import { canonicalJson } from './canonical-json.ts';
import { withFileLock } from './file-lock.ts';
import { GENESIS_HASH, hashRecord } from './hash-record.ts';
import { readTail } from './read-tail.ts';
import { createRedactor, type Redactor } from './redact.ts';
import type { AuditEntry, AuditLog, AuditRecord } from './types.ts';

export interface AuditLogOptions {
  /** Applied to `actor` and `data` before hashing; defaults to pattern-only redaction. */
  redactor?: Redactor;
  now?: () => Date;
  /** fsync after every record: survives power loss, costs a disk flush per record. */
  fsync?: boolean;
  /** A lock file older than this is broken (its holder crashed). Default 10 s. */
  lockStaleMs?: number;
  /** How long an append waits for another process's lock. Default 15 s. */
  lockTimeoutMs?: number;
}

interface ChainHead {
  seq: number;
  hash: string;
  /** File size after our last read or write; a different size means another process appended. */
  size: number;
}

function parseHead(path: string, line: string, size: number): ChainHead {
  let record: Partial<AuditRecord>;
  try {
    record = JSON.parse(line) as Partial<AuditRecord>;
  } catch (error) {
    throw new RunbookError(
      'audit.corrupt',
      `${path}: the last line is not valid JSON, so the chain cannot continue; run "runbook audit verify ${path}" and move the file aside`,
      { cause: error },
    );
  }
  if (typeof record.seq !== 'number' || typeof record.hash !== 'string') {
    throw new RunbookError(
      'audit.corrupt',
      `${path}: the last line is not an audit record (no seq or hash); run "runbook audit verify ${path}"`,
    );
  }
  return { seq: record.seq, hash: record.hash, size };
}

/**
 * Re-reads the end of the file. A half-written last line (a crash mid-write) is copied to
 * `<path>.torn-<ts>` and cut off, so the earlier lines and the chain stay valid.
 */
async function readHead(handle: FileHandle, path: string, now: () => Date): Promise<ChainHead> {
  const { size } = await handle.stat();
  const tail = await readTail(handle, size);
  if (tail.completeLength < size) {
    const torn = Buffer.alloc(size - tail.completeLength);
    await handle.read(torn, 0, torn.length, tail.completeLength);
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    await writeFile(`${path}.torn-${stamp}`, torn, { flag: 'wx' });
    await handle.truncate(tail.completeLength);
  }
  if (tail.lastLine === undefined) return { seq: 0, hash: GENESIS_HASH, size: tail.completeLength };
  return parseHead(path, tail.lastLine, tail.completeLength);
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
    offset += bytesWritten;
  }
}

/**
 * Opens (or creates) an append-only, hash-chained JSONL audit log and continues its chain.
 *
 * One chain per file. Appends inside this process are queued; across processes they take an
 * `O_EXCL` lock file (`<path>.lock`) and re-read the tail under it, so several processes on one
 * machine or one shared volume keep one valid chain. Replicas on separate disks should each write
 * their own file (`audit-<replica>.jsonl`).
 */
export async function openAuditLog(path: string, options: AuditLogOptions = {}): Promise<AuditLog> {
  const redactor = options.redactor ?? createRedactor();
  const now = options.now ?? (() => new Date());
  const lock = { staleMs: options.lockStaleMs ?? 10_000, timeoutMs: options.lockTimeoutMs ?? 15_000 };
  const lockPath = `${path}.lock`;
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'a+');
  let head = await withFileLock(lockPath, lock, () => readHead(handle, path, now));
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const write = async (entry: AuditEntry): Promise<AuditRecord> =>
    withFileLock(lockPath, lock, async () => {
      const { size } = await handle.stat();
      if (size !== head.size) head = await readHead(handle, path, now);
      const clean = redactor.redact({ actor: entry.actor, data: entry.data ?? null });
      const unsigned = JSON.parse(
        canonicalJson({
          ts: now().toISOString(),
          seq: head.seq + 1,
          prev_hash: head.hash,
          run_id: entry.run_id ?? null,
          runbook: entry.runbook ?? null,
          version: entry.version ?? null,
          actor: clean.actor,
          type: entry.type,
          data: clean.data,
        }),
      ) as Omit<AuditRecord, 'hash'>;
      const record: AuditRecord = { ...unsigned, hash: hashRecord(unsigned) };
      const bytes = Buffer.from(`${canonicalJson(record)}\n`, 'utf8');
      await writeAll(handle, bytes);
      if (options.fsync) await handle.sync();
      head = { seq: record.seq, hash: record.hash, size: head.size + bytes.length };
      return record;
    });

  return {
    path,
    append(entry) {
      if (closed) {
        return Promise.reject(
          new RunbookError('audit.corrupt', `${path}: append after the audit log was closed`),
        );
      }
      const result = queue.then(() => write(entry));
      // The caller sees a failure through `result`; the queue only needs to move on.
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await handle.close();
    },
  };
}
