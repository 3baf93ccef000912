import { userInfo } from 'node:os';
import { type App, type AppOverrides, buildApp } from '../app.ts';
import { loadConfig } from '../config/index.ts';
import type { CliIO } from './types.ts';

export interface CliServices extends App {
  /** Who is at the terminal: `cli:<os user>`. */
  actor: string;
  close(): Promise<void>;
}

export function cliActor(io: Pick<CliIO, 'env'>): string {
  const { USER, LOGNAME } = io.env;
  return `cli:${USER ?? LOGNAME ?? userInfo().username}`;
}

/**
 * The product as the terminal uses it: `buildApp` with the CLI's policy. The person at the
 * terminal decides their own run's approvals, high risk included, but only by answering the
 * prompt: `--yes` never covers high risk (see run-approvals.ts).
 */
export async function buildCliServices(
  io: Pick<CliIO, 'env' | 'cwd' | 'stderr'>,
  overrides: AppOverrides = {},
): Promise<CliServices> {
  // Operators' JSON logs would drown the terminal renderer: warnings and errors only, unless asked.
  const config = loadConfig({ LOG_LEVEL: 'warn', ...io.env }, io.cwd);
  const actor = cliActor(io);
  const app = await buildApp(config, {
    processEnv: io.env,
    slack: false,
    approvalPolicy: { approvers: [...config.approvers, actor], allowSelfApproveHighRisk: true },
    notifier: {
      async post(channel, text) {
        io.stderr.write(`notify${channel ? ` ${channel}` : ''}: ${text}\n`);
      },
    },
    ...overrides,
  });
  return { ...app, actor, close: () => app.stop() };
}
