import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { BoundedTail } from './bounded-tail.ts';

export interface ProcessRequest {
  /** argv[0] is the program; every element is one argument, never split or interpreted by a shell. */
  argv: readonly string[];
  cwd?: string | undefined;
  /** The complete environment of the child (see allowListedEnv). */
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  maxOutputBytes: number;
}

export interface ProcessResult {
  /** The exit code, or 128 + signal number when a signal ended it, like a shell reports it. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  timedOut: boolean;
  /** Set when the program could not be started (ENOENT, EACCES, bad cwd). */
  spawnError?: string;
  durationMs: number;
}

const KILL_GRACE_MS = 1_000;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the whole group has already exited, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Runs one program without a shell, in its own process group so a timeout or an abort kills
 * everything it started (SIGTERM, then SIGKILL after a second). Output is captured, tail-bounded.
 */
export function runProcess(request: ProcessRequest): Promise<ProcessResult> {
  const startedAt = performance.now();
  const [program, ...args] = request.argv;
  const stdout = new BoundedTail(request.maxOutputBytes);
  const stderr = new BoundedTail(request.maxOutputBytes);
  return new Promise((resolve) => {
    const finish = (exitCode: number | null, timedOut: boolean, spawnError?: string) =>
      resolve({
        exitCode,
        stdout: stdout.text(),
        stderr: stderr.text(),
        stdoutTruncated: stdout.truncated,
        stderrTruncated: stderr.truncated,
        timedOut,
        ...(spawnError === undefined ? {} : { spawnError }),
        durationMs: Math.round(performance.now() - startedAt),
      });
    if (program === undefined) {
      finish(null, false, 'empty command');
      return;
    }
    const child = spawn(program, args, {
      shell: false,
      detached: true,
      cwd: request.cwd,
      env: request.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let escalation: NodeJS.Timeout | undefined;
    const stop = () => {
      timedOut = true;
      killGroup(child.pid, 'SIGTERM');
      escalation = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(stop, request.timeoutMs);
    request.signal?.addEventListener('abort', stop, { once: true });
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', stop);
      finish(null, false, error.message);
    });
    child.once('exit', () => {
      // Anything it left running in the background goes with it.
      killGroup(child.pid, 'SIGKILL');
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(escalation);
      request.signal?.removeEventListener('abort', stop);
      if (child.pid === undefined) return;
      finish(code ?? (signal === null ? null : 128 + (constants.signals[signal] ?? 0)), timedOut);
    });
  });
}
