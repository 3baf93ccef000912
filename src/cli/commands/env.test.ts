import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../types.ts';
import { envCommand, shellQuote } from './env.ts';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

function io(signal: AbortSignal): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    env: {},
    cwd: ROOT,
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    prompt: undefined,
    signal,
    out: () => out,
    err: () => err,
  };
}

test('quotes values for the shell only when they need it', () => {
  assert.equal(shellQuote('http://127.0.0.1:9090'), 'http://127.0.0.1:9090');
  assert.equal(shellQuote('/tmp/runbook-kube-x/kubeconfig'), '/tmp/runbook-kube-x/kubeconfig');
  assert.equal(shellQuote('a b'), "'a b'");
  assert.equal(shellQuote("it's $HOME"), `'it'\\''s $HOME'`);
  assert.equal(shellQuote(''), "''");
});

test('without a folder it prints its usage and exits 2', async () => {
  const terminal = io(new AbortController().signal);
  assert.equal(await envCommand.run(['up'], terminal), 2);
  assert.match(terminal.err(), /Usage: runbook env up <scenario-folder>/);
  assert.equal(await envCommand.run(['down', 'x'], terminal), 2);
});

test('on a folder without scenario.yaml it says what is missing and exits 1', async () => {
  const terminal = io(new AbortController().signal);
  assert.equal(await envCommand.run(['up', 'test'], terminal), 1);
  assert.match(terminal.err(), /scenario\.yaml: not found/);
  assert.equal(terminal.out(), '');
});

test('brings the environment up, prints exports, and tears down when interrupted', async () => {
  const controller = new AbortController();
  const terminal = io(controller.signal);
  const running = envCommand.run(['up', 'test/scenarios/search-false-alarm'], terminal);
  while (!terminal.err().includes('Ctrl-C')) await new Promise((resolve) => setTimeout(resolve, 50));
  const exports = terminal.out();
  assert.match(exports, /^export KUBECONFIG=\S+kubeconfig$/m);
  assert.match(exports, /^export KUBE_CONTEXT=fake$/m);
  assert.match(exports, /^export PROMETHEUS_URL=http:\/\/127\.0\.0\.1:\d+$/m);
  assert.match(
    exports,
    /^unset RUNBOOK_HOST_OVERRIDES$/m,
    'no services: nothing left over from another shell',
  );
  const url = /^export PROMETHEUS_URL=(\S+)$/m.exec(exports)?.[1] ?? '';
  const ready = await fetch(`${url}/-/ready`);
  assert.equal(ready.status, 200);
  await ready.body?.cancel();
  controller.abort();
  assert.equal(await running, 0);
  assert.match(terminal.err(), /recorded 0 write\(s\)/);
  await assert.rejects(fetch(`${url}/-/ready`));
});
