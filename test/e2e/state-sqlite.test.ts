import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createStateStore } from '../../src/state/index.ts';
import { runStateStoreContract } from '../../src/state/state-store.contract.ts';
import type { StateStore } from '../../src/state/types.ts';

runStateStoreContract('sqlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'runbook-state-'));
  const opened: StateStore[] = [];
  return {
    durable: true,
    async open() {
      const store = await createStateStore({ dataDir });
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

const root = fileURLToPath(new URL('../..', import.meta.url));
const CLAIMER = `
  const { createStateStore } = await import(${JSON.stringify(new URL('../../src/state/index.ts', import.meta.url).href)});
  const store = await createStateStore({ dataDir: process.argv[1] });
  const lines = (await import('node:readline')).createInterface({ input: process.stdin });
  process.stdout.write('ready\\n');
  for await (const key of lines) {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => store.claim(key, 60000, process.argv[2] + i)));
    process.stdout.write(results.filter(Boolean).length + '\\n');
  }
  await store.close();`;

function startClaimer(dataDir: string, name: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', CLAIMER, dataDir, name],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const replies = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await replies.next();
    if (line.done) throw new Error(`claimer ${name} exited early`);
    return line.value;
  };
  return { child, next };
}

it('grants one claim among 50 claimers in two processes sharing one SQLite file', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'runbook-state-procs-'));
  const claimers = [startClaimer(dataDir, 'a'), startClaimer(dataDir, 'b')];
  t.after(async () => {
    for (const { child } of claimers) child.kill();
    await rm(dataDir, { recursive: true, force: true });
  });
  for (const claimer of claimers) assert.equal(await claimer.next(), 'ready');
  for (let round = 0; round < 5; round += 1) {
    for (const { child } of claimers) child.stdin.write(`race:${round}\n`);
    const wins = await Promise.all(claimers.map(async (claimer) => Number(await claimer.next())));
    assert.equal(wins[0]! + wins[1]!, 1, `round ${round}: ${wins.join(' + ')}`);
  }
  for (const { child } of claimers) child.stdin.end();
});
