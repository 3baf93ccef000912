import { RunbookError } from '../../errors/index.ts';

/**
 * Runs `work` with a signal that aborts when `parent` does or after `timeoutMs`; the returned
 * promise rejects with RunbookError('step.timeout') when the time runs out first.
 */
export async function withTimeout<T>(
  parent: AbortSignal,
  timeoutMs: number | undefined,
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent.reason);
  if (parent.aborted) onAbort();
  else parent.addEventListener('abort', onAbort, { once: true });
  const timer = new AbortController();
  try {
    const racers: Array<Promise<T>> = [work(controller.signal)];
    if (timeoutMs !== undefined) {
      racers.push(
        sleep(timeoutMs, timer.signal).then(() => {
          const error = new RunbookError('step.timeout', `timed out after ${timeoutMs} ms`);
          controller.abort(error);
          throw error;
        }),
      );
    }
    return await Promise.race(racers);
  } finally {
    timer.abort();
    parent.removeEventListener('abort', onAbort);
    if (!controller.signal.aborted) controller.abort(new Error('step finished'));
  }
}
