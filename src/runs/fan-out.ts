import type { ProgressEvent, ProgressSink } from '../engine/events.ts';

/**
 * Hands an event to every sink without letting one sink's failure (thrown or rejected) reach the
 * run or the other sinks.
 */
export function fanOut(
  sinks: Iterable<ProgressSink>,
  event: ProgressEvent,
  onError: (error: unknown) => void,
): Promise<void>[] {
  const pending: Promise<void>[] = [];
  for (const sink of sinks) {
    try {
      const result = sink.emit(event);
      if (result instanceof Promise) pending.push(result.catch(onError));
    } catch (error) {
      onError(error);
    }
  }
  return pending;
}
