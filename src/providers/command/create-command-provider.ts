import { redactText } from '../../audit/index.ts';
import { stepTimeoutMs } from '../step-timeout.ts';
import { type CheckContext, type CheckResult, errorResult, type Provider } from '../types.ts';
import { allowListedEnv } from './allow-listed-env.ts';
import { quoteArgv } from './quote-argv.ts';
import { runProcess } from './run-process.ts';

type CommandStep = Parameters<Provider<'command'>['check']>[0];

export interface CommandProviderOptions {
  /** Runbook's own environment; only PATH, HOME and LANG are taken from it. */
  processEnv?: Readonly<Record<string, string | undefined>>;
  /** Per stream (stdout, stderr); the tail is kept. Default 64 KiB. */
  maxOutputBytes?: number;
}

const NUMBER_LINE = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A number printed alone on the last non-empty line of stdout (`psql -tA`, `wc -l`). */
function lastLineNumber(stdout: string): number | undefined {
  const last = stdout.trimEnd().split('\n').at(-1);
  return last !== undefined && NUMBER_LINE.test(last) ? Number(last) : undefined;
}

async function runCommand(
  options: CommandProviderOptions,
  step: CommandStep,
  context: CheckContext,
): Promise<CheckResult> {
  const query = redactText(quoteArgv(step.command));
  if (step.mutating === true) {
    return errorResult(
      `command step ${step.id} is marked mutating: true and diagnostics only read; run it as an approved run_command remediation instead`,
      0,
      query,
    );
  }
  const timeoutMs = stepTimeoutMs(step, 30_000);
  const result = await runProcess({
    argv: step.command,
    cwd: step.cwd,
    env: allowListedEnv(options.processEnv ?? {}, step.env),
    timeoutMs,
    signal: context.signal,
    maxOutputBytes: options.maxOutputBytes ?? 64 * 1024,
  });
  const number = lastLineNumber(result.stdout);
  const fields: Record<string, unknown> = {
    exit_code: result.exitCode,
    stdout: redactText(result.stdout),
    stderr: redactText(result.stderr),
    ...(number === undefined ? {} : { number }),
    ...(result.stdoutTruncated || result.stderrTruncated ? { truncated: true } : {}),
  };
  if (result.spawnError !== undefined) {
    return errorResult(
      `command failed to start: ${result.spawnError} (command: ${query})`,
      result.durationMs,
      query,
    );
  }
  if (result.timedOut) {
    return {
      ...errorResult(
        `command timed out after ${timeoutMs} ms and its process group was killed (command: ${query})`,
        result.durationMs,
        query,
      ),
      fields,
    };
  }
  const lastLine = redactText(result.exitCode === 0 ? result.stdout : result.stderr || result.stdout)
    .trimEnd()
    .split('\n')
    .at(-1);
  return {
    status: 'ok',
    value: result.exitCode,
    series: [],
    items: [],
    fields,
    summary: `exit ${result.exitCode}${lastLine ? `: ${lastLine.slice(0, 200)}` : ''}`,
    query,
    durationMs: result.durationMs,
  };
}

/** Read-only commands as diagnostics: argv without a shell, allow-listed environment, timeout. */
export function createCommandProvider(options: CommandProviderOptions = {}): Provider<'command'> {
  return {
    type: 'command',
    isConfigured: true,
    check: (step, context) => runCommand(options, step, context),
  };
}
