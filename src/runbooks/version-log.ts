import { execFile } from 'node:child_process';
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { errorMessage } from '../errors/index.ts';
import type { LoadedRunbook } from './loaded-runbook.ts';

const run = promisify(execFile);
export const VERSION_LOG_FILE = 'runbooks-history.jsonl';

/** One version of one runbook as the library first saw it, with its text (for `runbook diff`). */
export interface RunbookVersionEntry {
  id: string;
  /** 1, 2, 3… per runbook: a new one for every new content hash. */
  revision: number;
  /** The `version:` the author wrote. */
  version: number;
  hash: string;
  status: string;
  file: string;
  author: string;
  /** ISO time it was first seen. */
  at: string;
  text: string;
}

/** Who last changed the file: `git log` when the library is a git repository, else the file's owner. */
export async function authorOf(file: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['log', '-1', '--format=%an <%ae>', '--', basename(file)], {
      cwd: dirname(file),
      timeout: 5_000,
    });
    if (stdout.trim() !== '') return stdout.trim();
  } catch (error) {
    // Not a git repository (or no git): fall back to the owner, which says less but is true.
    if (!(error instanceof Error)) throw error;
  }
  try {
    const { uid } = await stat(file);
    const me = userInfo();
    return uid === me.uid ? me.username : `uid ${uid}`;
  } catch (error) {
    return `unknown (${errorMessage(error)})`;
  }
}

export async function readVersionLog(dataDir: string): Promise<RunbookVersionEntry[]> {
  let text: string;
  try {
    text = await readFile(join(dataDir, VERSION_LOG_FILE), 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RunbookVersionEntry);
}

/**
 * Appends every runbook version not logged yet (a new content hash) to `runbooks-history.jsonl`
 * in the data dir, with its author, time and text. Returns the entries written.
 */
export async function recordVersions(
  dataDir: string,
  runbooks: ReadonlyArray<{
    id: string;
    version: number;
    hash: string;
    status: string;
    file: string;
    text: string;
  }>,
  now: () => Date,
): Promise<RunbookVersionEntry[]> {
  const existing = await readVersionLog(dataDir);
  const written: RunbookVersionEntry[] = [];
  for (const runbook of runbooks) {
    const mine = existing.filter((entry) => entry.id === runbook.id);
    if (mine.some((entry) => entry.hash === runbook.hash)) continue;
    const entry: RunbookVersionEntry = {
      id: runbook.id,
      revision: mine.length + 1,
      version: runbook.version,
      hash: runbook.hash,
      status: runbook.status,
      file: runbook.file,
      author: await authorOf(runbook.file),
      at: now().toISOString(),
      text: runbook.text,
    };
    existing.push(entry);
    written.push(entry);
  }
  if (written.length > 0) {
    await mkdir(dataDir, { recursive: true });
    await appendFile(
      join(dataDir, VERSION_LOG_FILE),
      written.map((entry) => `${JSON.stringify(entry)}\n`).join(''),
    );
  }
  return written;
}

/** Logs the versions of loaded runbooks (see recordVersions); runbooks without their text are skipped. */
export function recordLoadedVersions(
  dataDir: string,
  runbooks: readonly LoadedRunbook[],
  now: () => Date,
): Promise<RunbookVersionEntry[]> {
  return recordVersions(
    dataDir,
    runbooks.flatMap((runbook) =>
      runbook.source === undefined
        ? []
        : [
            {
              id: runbook.definition.id,
              version: runbook.version,
              hash: runbook.hash,
              status: runbook.definition.status,
              file: runbook.file,
              text: runbook.source,
            },
          ],
    ),
    now,
  );
}
