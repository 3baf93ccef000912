import { unifiedDiff } from '../../runbooks/index.ts';
import type { CliCommand } from '../types.ts';
import { versionsOf } from './runbook-versions.ts';

const usage = `Usage: runbook diff <runbook-id> <rev1> <rev2>

Shows what changed between two revisions of a runbook (see \`runbook history <id>\`) as a
unified diff of their YAML. Exit 0 when they are the same, 1 when they differ, 2 on bad usage.`;

/** `runbook diff <id> <v1> <v2>`: a unified diff of two logged revisions. */
export const diffCommand: CliCommand = {
  summary: 'Show what changed between two versions of a runbook',
  usage,
  async run(args, io) {
    const [id, first, second, ...rest] = args;
    const revisions = [first, second].map((value) => Number(value));
    if (
      id === undefined ||
      rest.length > 0 ||
      revisions.some((value) => !Number.isInteger(value) || value < 1)
    ) {
      io.stderr.write(`runbook diff: expected a runbook id and two revision numbers\n\n${usage}\n`);
      return 2;
    }
    const versions = await versionsOf(id, io);
    const [before, after] = revisions.map((revision) =>
      versions.find((entry) => entry.revision === revision),
    );
    if (!before || !after) {
      const known = versions.map((entry) => entry.revision).join(', ') || 'none';
      io.stderr.write(
        `runbook diff: "${id}" has no revision ${!before ? first : second} (revisions: ${known})\n`,
      );
      return 2;
    }
    const diff = unifiedDiff(before.text, after.text, [
      `${id} rev ${before.revision} (${before.hash}, ${before.at})`,
      `${id} rev ${after.revision} (${after.hash}, ${after.at})`,
    ]);
    if (diff === '') {
      io.stdout.write(`rev ${before.revision} and rev ${after.revision} of ${id} are the same\n`);
      return 0;
    }
    io.stdout.write(diff);
    return 1;
  },
};
