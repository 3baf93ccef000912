import { relative } from 'node:path';
import { errorMessage, RunbookError } from '../../errors/index.ts';
import { buildCliServices } from '../build-cli-services.ts';
import { createProgressRenderer, renderRunReport } from '../render/index.ts';
import type { CliCommand } from '../types.ts';
import { decidePendingApprovals } from './run-approvals.ts';
import { terminalStepAnswerer } from './run-steps.ts';

const usage = `Usage: runbook run <runbook-id> [--param name=value]… [--json] [--yes]

Runs one runbook's diagnostics in parallel with live progress, walks its decision tree, then
prints a Markdown report. Remediations that need approval are shown with their dry run, risk
and rollback, and asked about at the terminal.

  --param name=value  a runbook parameter (repeatable)
  --json              print the run record as JSON instead of progress and report
  --yes               approve low- and medium-risk remediations without asking (never high risk)

Exit status: 0 when the run completed (whatever the health), 1 on errors, 2 on bad usage.`;

interface RunArgs {
  runbookId: string;
  params: Record<string, string>;
  json: boolean;
  yes: boolean;
}

function parseArgs(args: string[]): RunArgs | string {
  const params: Record<string, string> = {};
  const positional: string[] = [];
  let json = false;
  let yes = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--yes' || arg === '-y') yes = true;
    else if (arg === '--param' || arg === '-p' || arg.startsWith('--param=')) {
      const pair = arg.startsWith('--param=') ? arg.slice('--param='.length) : args[++index];
      const equals = pair?.indexOf('=') ?? -1;
      if (pair === undefined || equals <= 0) return `--param expects name=value, got ${pair ?? 'nothing'}`;
      params[pair.slice(0, equals)] = pair.slice(equals + 1);
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  if (positional.length !== 1) {
    return positional.length === 0
      ? 'which runbook? give its id'
      : `one runbook at a time, got ${positional.join(' ')}`;
  }
  return { runbookId: positional[0] ?? '', params, json, yes };
}

/** `runbook run <id>`: one runbook, live progress, approvals at the prompt, a Markdown report. */
export const runCommand: CliCommand = {
  summary: 'Run a runbook with live progress and a Markdown report',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.stderr.write(`runbook run: ${parsed}\n\n${usage}\n`);
      return 2;
    }
    const services = await buildCliServices(io);
    const { runs, catalog, actor } = services;
    // With --json, stdout carries only the record: progress goes nowhere.
    const renderer = parsed.json
      ? undefined
      : createProgressRenderer(io.stdout, { tty: io.stdout.isTTY === true });
    // Procedure steps that need a person are asked at the terminal while the run goes on.
    const answerer = terminalStepAnswerer({
      runs: () => runs,
      io,
      actor,
      yes: parsed.yes,
      out: parsed.json ? io.stderr : io.stdout,
    });
    try {
      const handle = await runs.startRunbook(
        { runbookId: parsed.runbookId, params: parsed.params, actor, origin: { source: 'cli' } },
        {
          emit(event) {
            void answerer.emit(event);
            return renderer?.emit(event);
          },
        },
      );
      const onInterrupt = () => {
        runs
          .abort(handle.runId, actor)
          .catch((error: unknown) => io.stderr.write(`${errorMessage(error)}\n`));
      };
      io.signal.addEventListener('abort', onInterrupt, { once: true });
      let record = await handle.done;
      io.signal.removeEventListener('abort', onInterrupt);
      const unsubscribe = renderer ? runs.subscribe(handle.runId, renderer) : () => {};
      const approvals =
        record.status === 'completed'
          ? await decidePendingApprovals(record, {
              runs,
              io,
              actor,
              yes: parsed.yes,
              out: parsed.json ? io.stderr : io.stdout,
            })
          : { failed: false };
      unsubscribe();
      renderer?.stop();
      record = (await runs.get(handle.runId)) ?? record;
      if (parsed.json) {
        io.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
      } else {
        const runbook = record.runbook
          ? catalog.getVersion(record.runbook.id, record.runbook.hash)
          : undefined;
        const info = runbook
          ? {
              name: runbook.definition.name,
              diagnosticIds: runbook.definition.diagnostics.map((step) => step.id),
              file: relative(io.cwd, runbook.file) || runbook.file,
              ...(runbook.definition.description === undefined
                ? {}
                : { description: runbook.definition.description }),
            }
          : undefined;
        io.stdout.write(`\n${renderRunReport(record, info)}`);
      }
      return record.status === 'completed' && !approvals.failed && !answerer.failed() ? 0 : 1;
    } catch (error) {
      renderer?.stop();
      if (!(error instanceof RunbookError)) throw error;
      io.stderr.write(`runbook run: ${error.message} [${error.code}]\n`);
      // A parameter the person typed wrong is bad usage, like a malformed flag.
      return error.code === 'parameter.invalid' ? 2 : 1;
    } finally {
      await services.close();
    }
  },
};
