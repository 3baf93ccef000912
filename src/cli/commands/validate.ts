import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { errorMessage, type SourceIssue } from '../../errors/index.ts';
import { KNOWLEDGE_FOLDER, listRunbookFiles, loadKnowledge, loadRunbookFiles } from '../../runbooks/index.ts';
import type { CliCommand, CliIO } from '../types.ts';

const usage = `Usage: runbook validate [paths…]

Checks runbook files and folders (default: RUNBOOK_RUNBOOKS_DIR, else ./runbooks).
Prints every problem as file:line: field: message; exit 1 on any.`;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The files to check, and a line for every path that cannot be read. */
async function collectFiles(targets: readonly string[], io: CliIO) {
  const files = new Set<string>();
  const knowledgeDirs: string[] = [];
  const unreadable: string[] = [];
  for (const target of targets) {
    const path = resolve(io.cwd, target);
    try {
      if ((await stat(path)).isDirectory()) {
        for (const file of await listRunbookFiles(path)) files.add(file);
        knowledgeDirs.push(join(path, KNOWLEDGE_FOLDER));
      } else {
        files.add(path);
      }
    } catch (error) {
      unreadable.push(`${target}: cannot read it (${errorMessage(error)})`);
    }
  }
  return { files: [...files], knowledgeDirs, unreadable };
}

function formatIssue(issue: SourceIssue, cwd: string): string {
  // Messages may name another file (a duplicate id): show it relative to cwd as well.
  const message = issue.message.replace(/\s*\n\s*/g, ' ').replaceAll(`${cwd}${sep}`, '');
  return `${relative(cwd, issue.file) || issue.file}:${issue.line}: ${issue.field}: ${message}`;
}

/** `runbook validate [paths…]`: every problem of every runbook, located; exit 1 on any. */
export const validateCommand: CliCommand = {
  summary: 'Check runbook files: every error as file:line: field: message',
  usage,
  async run(args, io) {
    const unknownFlag = args.find((arg) => arg.startsWith('-'));
    if (unknownFlag !== undefined) {
      io.stderr.write(`runbook validate: unknown option ${unknownFlag}\n\n${usage}\n`);
      return 2;
    }
    const targets = args.length > 0 ? args : [loadConfig(io.env, io.cwd).runbooksDir];
    const { files, knowledgeDirs, unreadable } = await collectFiles(targets, io);
    const loaded = await loadRunbookFiles(files);
    const knowledge = await Promise.all(knowledgeDirs.map((dir) => loadKnowledge(dir)));
    const issues = [...loaded.issues, ...knowledge.flatMap((result) => result.issues)].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
    );
    for (const line of unreadable) io.stderr.write(`${line}\n`);
    for (const issue of issues) io.stderr.write(`${formatIssue(issue, io.cwd)}\n`);
    // Warnings (the step linter) never fail validation: stdout, marked, after the errors.
    for (const warning of loaded.warnings) {
      io.stdout.write(`${formatIssue({ ...warning, message: `warning: ${warning.message}` }, io.cwd)}\n`);
    }
    const valid = plural(loaded.runbooks.length, 'runbook');
    if (issues.length > 0 || unreadable.length > 0) {
      const badFiles = new Set(issues.map((issue) => issue.file)).size + unreadable.length;
      const errors = plural(issues.length + unreadable.length, 'error');
      io.stderr.write(`${errors} in ${plural(badFiles, 'file')}; ${valid} valid\n`);
      return 1;
    }
    if (files.length === 0) {
      io.stderr.write(`no runbook files (*.yaml, *.yml) in ${targets.join(', ')}\n`);
      return 1;
    }
    io.stdout.write(`${valid} valid\n`);
    return 0;
  },
};
