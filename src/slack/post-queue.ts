import { setTimeout as sleep } from 'node:timers/promises';
import { RunbookError } from '../errors/index.ts';
import { classifySlackError } from './slack-errors.ts';
import type { SlackLogger } from './slack-logger.ts';
import type { SlackMetrics } from './slack-metrics.ts';

export interface PostQueueOptions {
  /** Minimum gap between two calls in one channel (Slack allows about one message a second). */
  intervalMs: number;
  logger: SlackLogger;
  metrics: SlackMetrics;
  /** Network errors and 5xx are retried this many times with backoff; 429s are always waited out. */
  transientRetries?: number;
}

/**
 * Per-channel FIFO of Web API calls. A 429 waits Retry-After and tries the same call again, so
 * nothing is dropped; other failures are logged and reported to the caller, never thrown into a run.
 */
export interface PostQueue {
  enqueue<T>(channel: string, method: string, call: () => Promise<T>): Promise<T>;
  /** At most one pending update per key: a newer call replaces the queued one (coalescing). */
  enqueueUpdate(channel: string, key: string, call: () => Promise<unknown>): void;
  depth(): number;
  /** Resolves true once every lane is empty, false if `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
  close(): void;
}

interface Task {
  method: string;
  call: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  updateKey?: string;
}

interface Lane {
  tasks: Task[];
  running: boolean;
  lastCallAt: number;
}

export function createPostQueue(options: PostQueueOptions): PostQueue {
  const lanes = new Map<string, Lane>();
  const pendingUpdates = new Map<string, Task>();
  const closing = new AbortController();
  const idleWaiters = new Set<() => void>();
  const transientRetries = options.transientRetries ?? 3;

  const depth = () => [...lanes.values()].reduce((sum, lane) => sum + lane.tasks.length, 0);
  const notifyIdle = () => {
    if (depth() === 0 && [...lanes.values()].every((lane) => !lane.running)) {
      for (const wake of idleWaiters) wake();
      idleWaiters.clear();
    }
  };

  async function attempt(task: Task): Promise<void> {
    for (let failures = 0; ; ) {
      try {
        task.resolve(await task.call());
        return;
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.kind === 'rate_limited') {
          options.metrics.increment('slack_api_rate_limited_total', { method: task.method });
          options.logger.warn(
            { method: task.method, retryAfterMs: failure.retryAfterMs },
            'Slack rate limit: waiting',
          );
          await sleep(Math.max(failure.retryAfterMs, 100), undefined, { signal: closing.signal });
          continue;
        }
        options.metrics.increment('slack_api_errors_total', { method: task.method });
        if (failure.kind === 'transient' && failures < transientRetries) {
          failures += 1;
          await sleep(250 * 2 ** failures, undefined, { signal: closing.signal });
          continue;
        }
        options.logger.error({ method: task.method, error: failure.detail }, 'Slack call failed');
        task.reject(error);
        return;
      }
    }
  }

  async function run(lane: Lane): Promise<void> {
    lane.running = true;
    let current: Task | undefined;
    try {
      for (let task = lane.tasks.shift(); task !== undefined; task = lane.tasks.shift()) {
        current = task;
        if (task.updateKey !== undefined) pendingUpdates.delete(task.updateKey);
        const wait = lane.lastCallAt + options.intervalMs - Date.now();
        if (wait > 0) await sleep(wait, undefined, { signal: closing.signal });
        lane.lastCallAt = Date.now();
        await attempt(task);
        current = undefined;
        lane.lastCallAt = Date.now();
      }
    } catch (error) {
      const reason = closing.signal.aborted
        ? new RunbookError('slack.failed', 'the Slack post queue was closed')
        : error;
      current?.reject(reason);
      for (const task of lane.tasks.splice(0)) task.reject(reason);
    } finally {
      lane.running = false;
      notifyIdle();
    }
  }

  function push(channel: string, task: Task): void {
    if (closing.signal.aborted) {
      task.reject(new RunbookError('slack.failed', 'the Slack post queue is closed: the app is stopping'));
      return;
    }
    const lane = lanes.get(channel) ?? { tasks: [], running: false, lastCallAt: 0 };
    lanes.set(channel, lane);
    lane.tasks.push(task);
    if (!lane.running) void run(lane);
  }

  return {
    enqueue<T>(channel: string, method: string, call: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        push(channel, { method, call, resolve: resolve as (value: unknown) => void, reject });
      });
    },
    enqueueUpdate(channel, key, call) {
      const queued = pendingUpdates.get(key);
      if (queued) {
        queued.call = call;
        return;
      }
      const task: Task = {
        method: 'chat.update',
        call,
        resolve: () => {},
        reject: () => {},
        updateKey: key,
      };
      pendingUpdates.set(key, task);
      push(channel, task);
    },
    depth,
    drain(timeoutMs) {
      if (depth() === 0 && [...lanes.values()].every((lane) => !lane.running)) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          idleWaiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        idleWaiters.add(wake);
      });
    },
    close() {
      closing.abort();
    },
  };
}
