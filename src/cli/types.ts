/** What a CLI command may touch: everything comes in through here, so tests can drive commands in-process. */
export interface CliIO {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  /** Reads one line from the terminal (approval prompts); undefined when there is no terminal. */
  readonly prompt: ((question: string) => Promise<string | undefined>) | undefined;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
}

export interface CliCommand {
  readonly summary: string;
  readonly usage: string;
  /** Returns the process exit code. Errors a person can fix are printed to stderr, not thrown. */
  run(args: string[], io: CliIO): Promise<number>;
}
