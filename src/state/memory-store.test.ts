import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createMemoryStateStore } from './memory-store.ts';
import { runStateStoreContract } from './state-store.contract.ts';

runStateStoreContract('memory', async () => {
  const store = createMemoryStateStore();
  return { open: async () => store, durable: false, cleanup: () => store.close() };
});

it('expires by the clock it is given', async () => {
  let nowMs = 1_000;
  const store = createMemoryStateStore({ now: () => nowMs });
  await store.set('k', 'v', 500);
  assert.equal(await store.claim('c', 500), true);
  nowMs += 499;
  assert.equal(await store.get('k'), 'v');
  assert.equal(await store.claim('c', 500), false);
  nowMs += 1;
  assert.equal(await store.get('k'), undefined);
  assert.equal(await store.claim('c', 500), true);
});
