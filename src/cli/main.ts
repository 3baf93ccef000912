import { createInterface } from 'node:readline/promises';
import { withDotEnv } from '../config/index.ts';
import { errorMessage, RunbookError } from '../errors/index.ts';
import { commands } from './commands/index.ts';
import type { CliIO } from './types.ts';

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length), 8);
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return ['Usage: runbook <command> [options]', '', 'Commands:', ...lines, ''].join('\n');
}

async function prompt(question: string): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const reader = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await reader.question(question);
  } finally {
    reader.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const entry = commands[name];
  if (!entry) {
    process.stderr.write(`runbook: unknown command "${name}"\n\n${usage()}`);
    return 1;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const io: CliIO = {
    env: withDotEnv(process.env, process.cwd()),
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    prompt: process.stdin.isTTY ? prompt : undefined,
    signal: controller.signal,
  };
  try {
    return await command.run(args, io);
  } catch (error) {
    const code = error instanceof RunbookError ? ` [${error.code}]` : '';
    process.stderr.write(`runbook ${name}: ${errorMessage(error)}${code}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

process.exitCode = await main(process.argv.slice(2));
