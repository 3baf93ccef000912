import { relative, sep } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { describeTrigger, type LoadedRunbook, loadRunbookDirectory } from '../../runbooks/index.ts';
import type { CliCommand } from '../types.ts';

const usage = `Usage: runbook list [--json]

Lists the runbooks of RUNBOOK_RUNBOOKS_DIR (default ./runbooks) with status, version, hash,
severity and triggers. Files with errors are skipped and named on stderr.`;

const COLUMNS = ['ID', 'STATUS', 'VERSION', 'HASH', 'SEVERITY', 'TRIGGERS'] as const;

function row(runbook: LoadedRunbook): string[] {
  const { id, status, severity, triggers } = runbook.definition;
  return [
    id,
    status,
    String(runbook.version),
    runbook.hash,
    severity,
    triggers.map(describeTrigger).join(', '),
  ];
}

function table(rows: readonly string[][]): string {
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? '').length)));
  return rows
    .map((cells) =>
      cells
        .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

/** `runbook list [--json]`: the library as the app would load it. */
export const listCommand: CliCommand = {
  summary: 'List runbooks with status, version, hash, severity and triggers',
  usage,
  async run(args, io) {
    const json = args.includes('--json');
    const unknown = args.find((arg) => arg !== '--json');
    if (unknown !== undefined) {
      io.stderr.write(`runbook list: unexpected argument ${unknown}\n\n${usage}\n`);
      return 2;
    }
    const { runbooksDir } = loadConfig(io.env, io.cwd);
    const { runbooks, issues, knowledge } = await loadRunbookDirectory(runbooksDir);
    const sorted = [...runbooks].sort((a, b) => a.definition.id.localeCompare(b.definition.id));
    const shown = (file: string) => relative(io.cwd, file) || file;
    if (json) {
      const entries = sorted.map((runbook) => ({
        id: runbook.definition.id,
        name: runbook.definition.name,
        service: runbook.definition.service ?? null,
        status: runbook.definition.status,
        version: runbook.version,
        hash: runbook.hash,
        severity: runbook.definition.severity,
        file: shown(runbook.file),
        triggers: runbook.definition.triggers,
      }));
      const problems = issues.map((issue) => ({ ...issue, file: shown(issue.file) }));
      io.stdout.write(
        `${JSON.stringify({ runbooks: entries, issues: problems, knowledge: knowledge.length }, null, 2)}\n`,
      );
    } else if (sorted.length === 0) {
      io.stdout.write(`no runbooks in ${shown(runbooksDir)}\n`);
    } else {
      io.stdout.write(`${table([[...COLUMNS], ...sorted.map(row)])}\n`);
    }
    for (const issue of json ? [] : issues) {
      const message = issue.message.replaceAll(`${io.cwd}${sep}`, '');
      io.stderr.write(`skipped: ${shown(issue.file)}:${issue.line}: ${issue.field}: ${message}\n`);
    }
    if (!json && issues.length > 0) io.stderr.write('run `runbook validate` for details\n');
    return 0;
  },
};
