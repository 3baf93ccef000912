import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { errorMessage } from '../../errors/index.ts';
import { renderTemplate, TEMPLATE_KINDS, type TemplateKind } from '../../runbooks/index.ts';
import type { CliCommand } from '../types.ts';

const usage = `Usage: runbook new <runbook-id> --template ${TEMPLATE_KINDS.join('|')} [--name "Title"] [--stdout]

Writes a valid, commented starter runbook (status: draft) to RUNBOOK_RUNBOOKS_DIR/<id>.yaml, or
prints it with --stdout. Never overwrites an existing file.`;

const ID = /^[a-z0-9][a-z0-9-]*$/;

function parse(args: string[]): { id: string; kind: TemplateKind; name?: string; stdout: boolean } | string {
  let kind: string | undefined;
  let name: string | undefined;
  let stdout = false;
  const positional: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--template' || arg === '-t') kind = args[++index];
    else if (arg.startsWith('--template=')) kind = arg.slice('--template='.length);
    else if (arg === '--name') name = args[++index];
    else if (arg === '--stdout') stdout = true;
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  const [id] = positional;
  if (positional.length !== 1 || id === undefined) return 'give one runbook id';
  if (!ID.test(id)) return `"${id}" is not a runbook id: use kebab-case (lower-case letters, digits, dashes)`;
  if (!TEMPLATE_KINDS.includes(kind as TemplateKind)) {
    return `--template must be one of ${TEMPLATE_KINDS.join(', ')}${kind ? `, not "${kind}"` : ''}`;
  }
  return { id, kind: kind as TemplateKind, ...(name === undefined ? {} : { name }), stdout };
}

/** `runbook new <id> --template <kind>`: a starter runbook that validates as written. */
export const newCommand: CliCommand = {
  summary: 'Write a commented starter runbook from a template (incident, maintenance, monitoring, recovery)',
  usage,
  async run(args, io) {
    const parsed = parse(args);
    if (typeof parsed === 'string') {
      io.stderr.write(`runbook new: ${parsed}\n\n${usage}\n`);
      return 2;
    }
    const text = renderTemplate(parsed.kind, parsed.id, parsed.name);
    if (parsed.stdout) {
      io.stdout.write(text);
      return 0;
    }
    const file = join(loadConfig(io.env, io.cwd).runbooksDir, `${parsed.id}.yaml`);
    try {
      await writeFile(file, text, { flag: 'wx' });
    } catch (error) {
      io.stderr.write(
        `runbook new: cannot write ${relative(io.cwd, file) || file}: ${errorMessage(error)}\n`,
      );
      return 1;
    }
    io.stdout.write(
      `wrote ${relative(io.cwd, file) || file} (${parsed.kind}, status: draft)\nnext: edit it, then \`runbook validate ${relative(io.cwd, file) || file}\`\n`,
    );
    return 0;
  },
};
