import type { CliCommand } from '../types.ts';

/** Every `runbook <command>`. Each lives in its own file beside this one. */
export const commands: Record<string, CliCommand> = {};
