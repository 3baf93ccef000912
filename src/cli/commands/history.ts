import type { CliCommand } from '../types.ts';
import { versionsOf } from './runbook-versions.ts';

const usage = `Usage: runbook history <runbook-id> [--json]

Lists every version of a runbook the library has seen: revision, the version: it declares, its
content hash, status, author (git log when the library is a git repository, else the file owner)
and when it was first seen. Kept in runbooks-history.jsonl in RUNBOOK_DATA_DIR.`;

/** `runbook history <id>`: the versions of one runbook, oldest first. */
export const historyCommand: CliCommand = {
  summary: 'List the versions of a runbook with author and time',
  usage,
  async run(args, io) {
    const json = args.includes('--json');
    const positional = args.filter((arg) => arg !== '--json');
    const unknown = positional.find((arg) => arg.startsWith('-'));
    if (positional.length !== 1 || unknown !== undefined) {
      io.stderr.write(
        `runbook history: ${unknown ? `unknown option ${unknown}` : 'give one runbook id'}\n\n${usage}\n`,
      );
      return 2;
    }
    const id = positional[0] as string;
    const versions = await versionsOf(id, io);
    if (versions.length === 0) {
      io.stderr.write(`runbook history: no versions of "${id}" (is it in RUNBOOK_RUNBOOKS_DIR and valid?)\n`);
      return 1;
    }
    if (json) {
      io.stdout.write(
        `${JSON.stringify(
          versions.map(({ text: _text, ...entry }) => entry),
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    const rows = [
      ['REV', 'VERSION', 'HASH', 'STATUS', 'AUTHOR', 'SEEN'],
      ...versions.map((entry) => [
        String(entry.revision),
        String(entry.version),
        entry.hash,
        entry.status,
        entry.author,
        entry.at,
      ]),
    ];
    const widths =
      rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
    for (const row of rows) {
      io.stdout.write(
        `${row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
      );
    }
    return 0;
  },
};
