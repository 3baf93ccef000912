import { join } from 'node:path';
import type { SourceIssue } from '../errors/index.ts';
import { KNOWLEDGE_FOLDER, listRunbookFiles } from './list-runbook-files.ts';
import { type KnowledgeDoc, loadKnowledge } from './load-knowledge.ts';
import { loadRunbookFiles } from './load-runbook-files.ts';
import type { LoadedRunbook } from './loaded-runbook.ts';

export interface RunbookDirectory {
  runbooks: LoadedRunbook[];
  issues: SourceIssue[];
  knowledge: KnowledgeDoc[];
  /** Runbook files that gave no runbook this time (see issues). */
  failedFiles: string[];
  /** The step linter's warnings and calls to runbooks not loaded. */
  warnings: SourceIssue[];
}

/**
 * The whole library: every valid runbook under `dir`, every problem with its file and line, and
 * the Markdown documents of `dir/knowledge/`. Throws RunbookError('runbook.not_found') when `dir`
 * is not a readable folder.
 */
export async function loadRunbookDirectory(dir: string): Promise<RunbookDirectory> {
  const files = await listRunbookFiles(dir);
  const [loaded, knowledge] = await Promise.all([
    loadRunbookFiles(files),
    loadKnowledge(join(dir, KNOWLEDGE_FOLDER)),
  ]);
  return {
    runbooks: loaded.runbooks,
    issues: [...loaded.issues, ...knowledge.issues],
    knowledge: knowledge.docs,
    failedFiles: loaded.failedFiles,
    warnings: loaded.warnings,
  };
}
