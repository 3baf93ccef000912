import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage, RunbookError } from '../../errors/index.ts';
import { findFreePort } from './find-free-port.ts';
import type { MetricsFile } from './parse-metrics-file.ts';
import { latestSample, renderOpenMetrics } from './render-openmetrics.ts';
import { runTool } from './run-tool.ts';
import { spawnWatched, type WatchedProcess } from './spawn-watched.ts';
import { waitUntilQueryable } from './wait-until-queryable.ts';

export interface StartPrometheusOptions {
  metrics: MetricsFile | undefined;
  /** The instant the last sample of every series lands on. */
  now: Date;
  /** Aborts the start-up (the instance is then cleaned up). */
  signal?: AbortSignal;
  /** Binaries to run; default `prometheus` and `promtool` from the PATH. */
  commands?: { prometheus?: string; promtool?: string };
  /** How long to wait for readiness and data; default 20 s. */
  timeoutMs?: number;
  /** Where the private data directory is created; default the OS temp dir. */
  tempRoot?: string;
}

export interface RunningPrometheus {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Kills the server and removes its data directory. Safe to call twice. */
  stop(): Promise<void>;
}

const ATTEMPTS = 3;

async function startOnce(options: StartPrometheusOptions, commands: Commands): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'runbook-prometheus-'));
  let child: WatchedProcess | undefined;
  try {
    await writeFile(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
    if (options.metrics && options.metrics.series.length > 0) {
      const openMetrics = join(dir, 'series.om.txt');
      await writeFile(openMetrics, renderOpenMetrics(options.metrics, options.now.getTime()));
      await runTool(
        commands.promtool,
        ['tsdb', 'create-blocks-from', 'openmetrics', openMetrics, join(dir, 'data')],
        {
          timeoutMs: 60_000,
          signal: options.signal,
        },
      );
    }
    const port = await findFreePort();
    const url = `http://127.0.0.1:${port}`;
    child = await spawnWatched(
      commands.prometheus,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--storage.tsdb.retention.time=30d',
        '--log.level=warn',
      ],
      dir,
    );
    await waitUntilQueryable(url, child, {
      timeoutMs: options.timeoutMs ?? 20_000,
      probe: options.metrics ? latestSample(options.metrics, options.now.getTime()) : undefined,
      signal: options.signal,
    });
    const running = child;
    return {
      url,
      stop: async () => {
        await running.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await child?.stop();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

interface Commands {
  prometheus: string;
  promtool: string;
}

/**
 * Starts a private Prometheus on a free loopback port, backfilled from a scenario's metrics
 * (`promtool tsdb create-blocks-from openmetrics`), and resolves once the data is queryable at `now`.
 * Throws a RunbookError saying `apt-get install prometheus` when the binaries are missing.
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const commands: Commands = {
    prometheus: options.commands?.prometheus ?? 'prometheus',
    promtool: options.commands?.promtool ?? 'promtool',
  };
  await runTool(commands.prometheus, ['--version'], { timeoutMs: 10_000, signal: options.signal });
  await runTool(commands.promtool, ['--version'], { timeoutMs: 10_000, signal: options.signal });
  let lastError: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      return await startOnce(options, commands);
    } catch (error) {
      lastError = error;
      // Another process may have taken the port between our probe and Prometheus' bind: try another.
      if (options.signal?.aborted || !/address already in use/i.test(errorMessage(error))) break;
    }
  }
  if (lastError instanceof RunbookError) throw lastError;
  throw new RunbookError('provider.failed', `could not start prometheus: ${errorMessage(lastError)}`, {
    cause: lastError,
  });
}
