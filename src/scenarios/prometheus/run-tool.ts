import { execFile } from 'node:child_process';
import { RunbookError } from '../../errors/index.ts';

export const INSTALL_HINT =
  'install it with `apt-get install prometheus` (Debian/Ubuntu; it ships promtool too)';

/** Runs a short-lived tool; a missing binary becomes a RunbookError that says how to install it. */
export function runTool(
  command: string,
  args: string[],
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        timeout: options.timeoutMs,
        maxBuffer: 4 * 1024 * 1024,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(`${stdout}${stderr}`);
          return;
        }
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            new RunbookError(
              'provider.not_configured',
              `${command} was not found on the PATH: ${INSTALL_HINT}`,
            ),
          );
          return;
        }
        const detail = `${stderr}${stdout}`.trim().split('\n').slice(-5).join('\n');
        reject(
          new RunbookError(
            'provider.failed',
            `${command} ${args[0] ?? ''} failed: ${detail || error.message}`,
            {
              cause: error,
            },
          ),
        );
      },
    );
  });
}
