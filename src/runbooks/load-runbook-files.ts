import { readFile, stat } from 'node:fs/promises';
import { errorMessage, RunbookValidationError, type SourceIssue } from '../errors/index.ts';
import { checkRunbookCalls } from './check-calls.ts';
import type { LoadedRunbook } from './loaded-runbook.ts';
import { parseRunbook } from './parse-runbook.ts';

/** Larger than any runbook a person writes; keeps a stray dump from being parsed. */
export const MAX_RUNBOOK_FILE_BYTES = 1024 * 1024;

export interface RunbookFilesResult {
  runbooks: LoadedRunbook[];
  issues: SourceIssue[];
  /** Files that gave no runbook (invalid, unreadable, or a duplicate id). */
  failedFiles: string[];
  /** Things worth fixing that do not stop a runbook loading (the step linter, unknown called runbooks). */
  warnings: SourceIssue[];
}

function idLine(text: string): number {
  const index = text.split('\n').findIndex((line) => /^id\s*:/.test(line));
  return index === -1 ? 1 : index + 1;
}

async function loadOne(file: string): Promise<{ runbook: LoadedRunbook; text: string } | SourceIssue[]> {
  try {
    const { size } = await stat(file);
    if (size > MAX_RUNBOOK_FILE_BYTES) {
      return [
        {
          file,
          line: 1,
          field: '(file)',
          message: `${size} bytes is over the ${MAX_RUNBOOK_FILE_BYTES}-byte limit for a runbook`,
        },
      ];
    }
    const text = await readFile(file, 'utf8');
    return { runbook: parseRunbook(text, file), text };
  } catch (error) {
    if (error instanceof RunbookValidationError) return error.issues;
    return [{ file, line: 1, field: '(file)', message: `cannot read: ${errorMessage(error)}` }];
  }
}

/**
 * Loads runbook files, in the order given. A file with any problem gives no runbook and all its
 * issues; two files with the same id are both reported, and only the first is kept.
 */
export async function loadRunbookFiles(files: readonly string[]): Promise<RunbookFilesResult> {
  const results = await Promise.all(files.map(async (file) => ({ file, result: await loadOne(file) })));
  const runbooks: LoadedRunbook[] = [];
  const issues: SourceIssue[] = [];
  const failedFiles: string[] = [];
  const firstById = new Map<string, { file: string; line: number }>();
  for (const { file, result } of results) {
    if (Array.isArray(result)) {
      issues.push(...result);
      failedFiles.push(file);
      continue;
    }
    const { id } = result.runbook.definition;
    const line = idLine(result.text);
    const first = firstById.get(id);
    if (first) {
      issues.push(
        {
          file: first.file,
          line: first.line,
          field: 'id',
          message: `duplicate runbook id "${id}": also in ${file}`,
        },
        {
          file,
          line,
          field: 'id',
          message: `duplicate runbook id "${id}": already in ${first.file}; ids must be unique`,
        },
      );
      failedFiles.push(file);
      continue;
    }
    firstById.set(id, { file, line });
    runbooks.push(result.runbook);
  }
  const calls = checkRunbookCalls(runbooks);
  issues.push(...calls.errors);
  const kept = runbooks.filter((runbook) => {
    if (!calls.inCycle.has(runbook.definition.id)) return true;
    failedFiles.push(runbook.file);
    return false;
  });
  const warnings = [...kept.flatMap((runbook) => runbook.warnings ?? []), ...calls.warnings];
  return { runbooks: kept, issues, failedFiles, warnings };
}
