import { type ChildProcess, spawn } from 'node:child_process';

/** A child process that dies with us: it is killed when our end of its stdin pipe closes, even if we crash. */
export interface WatchedProcess {
  readonly pid: number | undefined;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<string>;
  isRunning(): boolean;
  /** The last few kilobytes the process wrote to stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

const OUTPUT_LIMIT = 16_384;

// The shell waits on the command while a subshell blocks reading stdin; EOF (our stop(), or our death)
// makes the subshell kill the command. Once the command is gone, the shell stops the subshell, removes the
// directory and exits. Node has no prctl(PR_SET_PDEATHSIG), so this is the portable way. Background jobs
// of a non-interactive shell get /dev/null as stdin, hence the copy of our pipe on fd 3.
const WATCHDOG = [
  'dir=$1; shift',
  'exec 3<&0',
  '"$@" </dev/null 3<&- & child=$!',
  '(read -r _ <&3; kill "$child" 2>/dev/null) & watcher=$!',
  'exec 3<&-',
  // Survive a Ctrl-C or kill sent to the whole process group, so that the clean-up below still runs.
  "trap '' INT TERM HUP",
  'wait "$child"; status=$?',
  'kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null',
  'if [ -n "$dir" ]; then rm -rf "$dir"; fi',
  'exit "$status"',
].join('\n');

/** Spawns `command` under the watchdog; `cleanupDir`, when given, is removed once the command is gone. */
export function spawnWatched(command: string, args: string[], cleanupDir = ''): Promise<WatchedProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('/bin/sh', ['-c', WATCHDOG, 'sh', cleanupDir, command, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // Unreferenced: a test that forgets stop() still exits, and the watchdog then takes the child down.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) {
      (stream as unknown as { unref?: () => void } | null)?.unref?.();
    }
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let running = true;
    const exited = new Promise<string>((resolveExit) => {
      child.once('exit', (code, signal) => {
        running = false;
        child.stdin?.destroy();
        resolveExit(signal ?? String(code));
      });
    });
    child.once('error', (error) => {
      running = false;
      reject(error);
    });
    child.once('spawn', () => {
      resolve({
        pid: child.pid,
        exited,
        isRunning: () => running,
        output: () => output,
        stop: async () => {
          if (running) child.stdin?.end();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
