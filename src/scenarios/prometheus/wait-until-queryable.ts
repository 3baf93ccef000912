import { RunbookError } from '../../errors/index.ts';
import type { WatchedProcess } from './spawn-watched.ts';

const POLL_MS = 50;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    // Connection refused until Prometheus has bound its port: keep polling.
    return false;
  }
}

async function hasData(url: string, metricName: string, atMs: number): Promise<boolean> {
  const query = encodeURIComponent(`count({__name__=${JSON.stringify(metricName)}})`);
  const response = await fetch(`${url}/api/v1/query?query=${query}&time=${(atMs / 1000).toFixed(3)}`, {
    signal: AbortSignal.timeout(2_000),
  });
  const body = (await response.json()) as { data?: { result?: unknown[] } };
  return (body.data?.result?.length ?? 0) > 0;
}

/** Waits until Prometheus answers /-/ready and, when given a probe, returns data for it. */
export async function waitUntilQueryable(
  url: string,
  process: WatchedProcess,
  options: {
    timeoutMs: number;
    probe: { name: string; atMs: number } | undefined;
    signal?: AbortSignal | undefined;
  },
): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  let ready = false;
  while (performance.now() < deadline) {
    options.signal?.throwIfAborted();
    if (!process.isRunning()) {
      throw new RunbookError(
        'provider.failed',
        `prometheus exited during start-up:\n${tail(process.output())}`,
      );
    }
    if (!ready) ready = await isReady(url);
    if (ready && (!options.probe || (await hasData(url, options.probe.name, options.probe.atMs)))) return;
    await sleep(POLL_MS, options.signal);
  }
  const what = ready ? `no data for ${options.probe?.name ?? '?'} after backfill` : 'not ready';
  throw new RunbookError(
    'provider.failed',
    `prometheus at ${url} was ${what} within ${options.timeoutMs}ms:\n${tail(process.output())}`,
  );
}

function tail(output: string): string {
  return output.trim().split('\n').slice(-8).join('\n');
}
