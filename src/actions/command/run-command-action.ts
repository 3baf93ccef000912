import { redactText } from '../../audit/index.ts';
import { RunbookError } from '../../errors/index.ts';
import { allowListedEnv, quoteArgv, runProcess } from '../../providers/index.ts';
import { parseDurationMs } from '../../runbooks/schema.ts';
import { assertGranted, hashPlan } from '../plan-hash.ts';
import type { Action, ActionOutcome, PlannedAction } from '../types.ts';

type RunCommandSpec = Extract<PlannedAction['spec'], { type: 'run_command' }>;

export interface RunCommandOptions {
  /** Runbook's environment; only PATH, HOME and LANG pass to the command. */
  processEnv?: Readonly<Record<string, string | undefined>>;
  maxOutputBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const OUTPUT_EXCERPT_CHARS = 4_000;
const PLACEHOLDER = /\$\{[^}]*\}/;

function unresolved(spec: RunCommandSpec): string | undefined {
  const texts = [...spec.command, spec.cwd ?? '', ...Object.values(spec.env ?? {})];
  return texts.find((text) => PLACEHOLDER.test(text));
}

function dryRun(spec: RunCommandSpec, timeoutMs: number): string {
  // Shown in Slack: a secret written into the argv is masked here (spec and hash keep the real one).
  const lines = [`$ ${redactText(quoteArgv(spec.command))}`];
  if (spec.cwd) lines.push(`cwd: ${spec.cwd}`);
  const names = Object.keys(spec.env ?? {});
  if (names.length > 0)
    lines.push(`env: ${names.sort().join(', ')} (plus PATH, HOME, LANG; nothing else inherited)`);
  lines.push(`timeout: ${timeoutMs / 1000} s, no shell`);
  return lines.join('\n');
}

async function execute(options: RunCommandOptions, planned: PlannedAction): Promise<ActionOutcome> {
  const spec = planned.spec as RunCommandSpec;
  const timeoutMs = (spec.timeout ? parseDurationMs(spec.timeout) : undefined) ?? DEFAULT_TIMEOUT_MS;
  const result = await runProcess({
    argv: spec.command,
    cwd: spec.cwd,
    env: allowListedEnv(options.processEnv ?? {}, spec.env),
    timeoutMs,
    maxOutputBytes: options.maxOutputBytes ?? 64 * 1024,
  });
  const output = redactText([result.stdout, result.stderr].filter(Boolean).join('\n--- stderr ---\n')).slice(
    -OUTPUT_EXCERPT_CHARS,
  );
  const base = { output, undo: planned.rollback, durationMs: result.durationMs };
  if (result.spawnError !== undefined) {
    return { ...base, status: 'failed', summary: `${planned.target} could not start: ${result.spawnError}` };
  }
  if (result.timedOut) {
    return {
      ...base,
      status: 'failed',
      summary: `${planned.target} timed out after ${timeoutMs} ms and was killed`,
    };
  }
  const lastLine = redactText(result.stdout.trimEnd().split('\n').at(-1) ?? '').slice(0, 200);
  return {
    ...base,
    status: result.exitCode === 0 ? 'succeeded' : 'failed',
    summary: `${planned.target} exited ${result.exitCode} in ${result.durationMs} ms${lastLine ? `: ${lastLine}` : ''}`,
  };
}

/** An approved command: argv without a shell, allow-listed environment, timeout, bounded output. */
export function createRunCommandAction(options: RunCommandOptions = {}): Action<'run_command'> {
  return {
    type: 'run_command',
    async plan(spec, risk, planOptions) {
      const leftover = unresolved(spec);
      if (leftover !== undefined) {
        throw new RunbookError(
          'parameter.invalid',
          `run_command: ${leftover} still has an unresolved parameter; pass it with --param`,
        );
      }
      const timeoutMs = (spec.timeout ? parseDurationMs(spec.timeout) : undefined) ?? DEFAULT_TIMEOUT_MS;
      const program = spec.command[0] ?? '';
      const plan = {
        type: 'run_command' as const,
        target: `command: ${program.split('/').at(-1)}`,
        description: `Run ${redactText(quoteArgv(spec.command))}${spec.cwd ? ` in ${spec.cwd}` : ''}.`,
        risk,
        mutates: true,
        dryRun: dryRun(spec, timeoutMs),
        spec,
        rollback: {
          description: planOptions?.rollback ?? 'none: the runbook gives no rollback for this command',
        },
      };
      return { ...plan, hash: hashPlan(plan) };
    },
    async execute(planned, grant) {
      assertGranted(planned, grant, 'run_command');
      return execute(options, planned);
    },
  };
}
