import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { eventually, processesMentioning, prometheusDataDir } from './scenarios-helpers.ts';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

function parseExports(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) env[match[1]] = match[2].replace(/^'(.*)'$/, '$1');
  }
  return env;
}

test('runbook env up prints exports, serves the scenario, and tears down on Ctrl-C', async (t) => {
  // detached: its own process group, so that SIGINT reaches the launcher and the CLI as Ctrl-C would.
  const child = spawn(
    process.execPath,
    ['bin/runbook.js', 'env', 'up', 'test/scenarios/payment-db-exhaustion'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const pid = child.pid ?? 0;
  t.after(() => {
    if (child.exitCode === null) process.kill(-pid, 'SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  assert.ok(await eventually(() => stderr.includes('Ctrl-C') || child.exitCode !== null, 30_000), stderr);
  assert.equal(child.exitCode, null, stderr);

  const env = parseExports(stdout);
  assert.match(env['PROMETHEUS_URL'] ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(env['KUBECONFIG'] ?? '', /kubeconfig$/);
  assert.match(env['RUNBOOK_HOST_OVERRIDES'] ?? '', /^fraud-service=127\.0\.0\.1:\d+$/);
  assert.match(stderr, /PaymentServiceHighLatency \(P1\)/);

  const prometheusUrl = env['PROMETHEUS_URL'] ?? '';
  const query = await fetch(`${prometheusUrl}/api/v1/query?query=pg_settings_max_connections`);
  const body = (await query.json()) as { data: { result: Array<{ value: [number, string] }> } };
  assert.equal(body.data.result[0]?.value[1], '100');
  const prometheusDir = prometheusDataDir(prometheusUrl);

  if (hasKubectl) {
    const kubectl = spawnSync('kubectl', ['--kubeconfig', env['KUBECONFIG'] ?? '', 'get', 'pods', '-A'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(kubectl.status, 0, kubectl.stderr);
    assert.match(kubectl.stdout, /production\s+payment-service-7d9f8c6b5-k2x8p\s+1\/1\s+Running/);
  } else {
    t.diagnostic('kubectl is not installed: skipped the kubectl check');
  }

  process.kill(-pid, 'SIGINT');
  await exited;
  // The launcher may exit first; the CLI underneath finishes its teardown on its own.
  assert.ok(
    await eventually(() => processesMentioning(prometheusDir).length === 0, 15_000),
    'prometheus stopped',
  );
  assert.ok(await eventually(() => !existsSync(prometheusDir)), 'prometheus data removed');
  assert.ok(await eventually(() => !existsSync(dirname(env['KUBECONFIG'] ?? ''))), 'kubeconfig removed');
  assert.ok(
    await eventually(
      () => processesMentioning('env up test/scenarios/payment-db-exhaustion').length === 0,
      15_000,
    ),
    'no runbook process left',
  );
  await assert.rejects(fetch(`${prometheusUrl}/-/ready`));
});
