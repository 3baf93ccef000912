import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RunbookError } from '../errors/index.ts';

export const KNOWLEDGE_FOLDER = 'knowledge';
const RUNBOOK_FILE = /\.ya?ml$/i;

export function isRunbookFile(path: string): boolean {
  return RUNBOOK_FILE.test(path);
}

async function walk(dir: string, skip: ReadonlySet<string>, files: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) await walk(path, new Set(), files);
    } else if (entry.isFile() && isRunbookFile(entry.name)) {
      files.push(path);
    }
  }
}

/** Every `*.yaml` / `*.yml` under `dir`, recursively and sorted, except in `dir/knowledge/` and dot folders. */
export async function listRunbookFiles(dir: string): Promise<string[]> {
  const info = await stat(dir).catch((error: unknown) => {
    throw new RunbookError('runbook.not_found', `runbook folder ${dir} cannot be read: ${String(error)}`, {
      cause: error,
    });
  });
  if (!info.isDirectory()) throw new RunbookError('runbook.not_found', `${dir} is not a folder of runbooks`);
  const files: string[] = [];
  await walk(dir, new Set([KNOWLEDGE_FOLDER]), files);
  return files.sort();
}
