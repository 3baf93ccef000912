import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const BINARY = 'prometheus-alertmanager';

export interface AlertmanagerServer {
  url: string;
  /** POST /api/v2/alerts: what Prometheus does (endsAt in the past resolves). */
  postAlerts(alerts: PostableAlert[]): Promise<void>;
  stop(): Promise<void>;
}

export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface AlertmanagerOptions {
  /** Where the webhook receiver posts (Runbook's /alerts/alertmanager). */
  webhookUrl: string;
  bearerToken: string;
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
}

/** Why Alertmanager tests are skipped here, or undefined when Debian's prometheus-alertmanager is installed. */
export function alertmanagerSkipReason(): string | undefined {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  return probe.error
    ? `${BINARY} is not installed (Debian: apt-get install prometheus-alertmanager)`
    : undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port from the OS');
  return address.port;
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
}

function configYaml(options: AlertmanagerOptions): string {
  return JSON.stringify({
    route: {
      receiver: 'runbook',
      group_by: options.groupBy ?? ['alertname', 'service'],
      group_wait: options.groupWait ?? '1s',
      group_interval: options.groupInterval ?? '1s',
      repeat_interval: options.repeatInterval ?? '1h',
    },
    receivers: [
      {
        name: 'runbook',
        webhook_configs: [
          {
            url: options.webhookUrl,
            send_resolved: true,
            max_alerts: 0,
            http_config: { authorization: { type: 'Bearer', credentials: options.bearerToken } },
          },
        ],
      },
    ],
  });
}

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on a free loopback port, clustering off,
 * state in a temp dir, its webhook receiver pointed at `webhookUrl`. `stop()` kills it and removes the dir.
 */
export async function startAlertmanager(options: AlertmanagerOptions): Promise<AlertmanagerServer> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-alertmanager-'));
  const configFile = join(dir, 'alertmanager.yml');
  // JSON is YAML: Alertmanager reads it as its config file.
  await writeFile(configFile, configYaml(options));
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const child = spawn(
      BINARY,
      [
        `--config.file=${configFile}`,
        `--storage.path=${dir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
      child.kill('SIGTERM');
      await exited(child);
      await rm(dir, { recursive: true, force: true });
    };
    for (let i = 0; i < 100 && child.exitCode === null; i += 1) {
      const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(500) }).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) {
        return {
          url,
          async postAlerts(alerts) {
            const response = await fetch(`${url}/api/v2/alerts`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(alerts),
              signal: AbortSignal.timeout(5000),
            });
            if (!response.ok)
              throw new Error(`Alertmanager refused the alerts: ${response.status} ${await response.text()}`);
          },
          stop,
        };
      }
      await sleep(50);
    }
    child.kill('SIGKILL');
    await exited(child);
    if (attempt === 2) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`Alertmanager did not become ready: ${stderr}`);
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error('Alertmanager did not start on a free port after 3 attempts');
}
