import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { verifyAuditLog } from '../../audit/index.ts';
import { errorMessage } from '../../errors/index.ts';
import type { CliCommand } from '../types.ts';

const usage =
  'Usage: runbook audit verify <file.jsonl>\n\nChecks the hash chain; exit 0 if intact, else prints the first bad line.';

/** `runbook audit verify <file>`: exit 0 if the chain is intact, else `<file>:<line>: <reason>` and exit 1. */
export const auditCommand: CliCommand = {
  summary: 'Verify the hash chain of an audit log (audit verify <file.jsonl>)',
  usage,
  async run(args, io) {
    const [subcommand, file, ...rest] = args;
    if (subcommand !== 'verify' || file === undefined || rest.length > 0) {
      io.stderr.write(`${usage}\n`);
      return 2;
    }
    const path = resolve(io.cwd, file);
    try {
      await access(path);
    } catch (error) {
      io.stderr.write(
        `${file}: cannot read it (${errorMessage(error)}); pass the audit log, e.g. .runbook/audit.jsonl\n`,
      );
      return 1;
    }
    const result = await verifyAuditLog(path);
    if (!result.ok) {
      io.stderr.write(`${file}:${result.line}: ${result.reason}\n`);
      return 1;
    }
    io.stdout.write(`ok: ${result.records} records, chain intact\n`);
    return 0;
  },
};
