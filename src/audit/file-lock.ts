import { randomUUID } from 'node:crypto';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { RunbookError } from '../errors/index.ts';

export interface FileLockOptions {
  /** A lock older than this is taken to be left by a crashed process and broken. */
  staleMs: number;
  /** How long to wait for the lock before giving up. */
  timeoutMs: number;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** A lock left by a process on this host that no longer exists is stale at once. */
function isOwnerGone(content: string): boolean {
  const [host, pid] = content.split(' ');
  if (host !== hostname() || pid === undefined) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return isErrno(error, 'ESRCH');
  }
}

async function isStale(lockPath: string, staleMs: number): Promise<boolean> {
  try {
    const [info, content] = await Promise.all([stat(lockPath), readFile(lockPath, 'utf8')]);
    return Date.now() - info.mtimeMs > staleMs || isOwnerGone(content);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return false;
    throw error;
  }
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

/**
 * Runs `fn` while holding an `O_EXCL` lock file, so that processes on one machine (or sharing one
 * volume) take turns. Breaking a stale lock has a narrow race (two waiters may both judge it
 * stale); it only matters after a crash, and `verifyAuditLog` would show the result.
 */
export async function withFileLock<T>(
  lockPath: string,
  options: FileLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const token = `${hostname()} ${process.pid} ${randomUUID()}`;
  const deadline = Date.now() + options.timeoutMs;
  while (true) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(token);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    if (await isStale(lockPath, options.staleMs)) {
      await removeIfPresent(lockPath);
      continue;
    }
    if (Date.now() > deadline) {
      throw new RunbookError(
        'audit.locked',
        `${lockPath}: another process has held the audit log lock for over ${options.timeoutMs} ms; if no Runbook process is running, delete the lock file`,
      );
    }
    await sleep(2 + Math.floor(Math.random() * 8));
  }
  try {
    return await fn();
  } finally {
    const current = await readFile(lockPath, 'utf8').catch((error: unknown) => {
      if (isErrno(error, 'ENOENT')) return undefined;
      throw error;
    });
    if (current === token) await removeIfPresent(lockPath);
  }
}
