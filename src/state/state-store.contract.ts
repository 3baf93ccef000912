import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StateStore } from './types.ts';

/** One backing store (a memory map, a SQLite file, a Redis server) that tests can connect to more than once. */
export interface StateStoreFixture {
  /** A store over the shared data; each call is a separate connection where the backend has them. */
  open(): Promise<StateStore>;
  /** Whether values outlive closing every connection (not for memory). */
  durable: boolean;
  /** Closes what `open` returned and removes temp files or servers. */
  cleanup(): Promise<void>;
}

const SHORT_TTL_MS = 120;
const PAST_TTL_MS = 300;

/**
 * The behaviour every StateStore must show, run against each implementation (the pattern of
 * hono's `common.case.test.ts`). Each test uses its own keys, so tests never see each other's data.
 */
export function runStateStoreContract(name: string, createFixture: () => Promise<StateStoreFixture>): void {
  describe(`${name} state store`, () => {
    let fixture: StateStoreFixture;
    let store: StateStore;
    let peer: StateStore;

    before(async () => {
      fixture = await createFixture();
      store = await fixture.open();
      peer = await fixture.open();
    });
    after(() => fixture.cleanup());

    it('returns undefined for a key never set', async () => {
      assert.equal(await store.get('missing:1'), undefined);
    });

    it('stores JSON values and returns copies, visible to another connection', async () => {
      const value = { id: 'a1', list: [1, 'two', null, { deep: true }], text: ':colon first' };
      await store.set('values:object', value);
      value.list.push(4);
      assert.deepEqual(await peer.get('values:object'), {
        id: 'a1',
        list: [1, 'two', null, { deep: true }],
        text: ':colon first',
      });
      await store.set('values:string', 'plain');
      await store.set('values:number', 42);
      assert.equal(await peer.get('values:string'), 'plain');
      assert.equal(await peer.get('values:number'), 42);
    });

    it('overwrites a value and deletes it once', async () => {
      await store.set('overwrite:k', 1);
      await store.set('overwrite:k', 2);
      assert.equal(await store.get('overwrite:k'), 2);
      assert.equal(await peer.delete('overwrite:k'), true);
      assert.equal(await store.delete('overwrite:k'), false);
      assert.equal(await store.get('overwrite:k'), undefined);
    });

    it('forgets a value after its TTL, also in listings', async () => {
      await store.set('ttl:short', 'gone soon', SHORT_TTL_MS);
      await store.set('ttl:long', 'stays', 60_000);
      assert.equal(await store.get('ttl:short'), 'gone soon');
      await sleep(PAST_TTL_MS);
      assert.equal(await store.get('ttl:short'), undefined);
      assert.deepEqual(await store.keys('ttl:'), ['ttl:long']);
    });

    it('lists keys by prefix, sorted, treating pattern characters literally', async () => {
      for (const key of ['list:b', 'list:a', 'list:*x', 'list:[y]', 'lister', 'other:list:c']) {
        await store.set(key, true);
      }
      assert.deepEqual(await peer.keys('list:'), ['list:*x', 'list:[y]', 'list:a', 'list:b']);
      assert.deepEqual(await peer.keys('list:*'), ['list:*x']);
      assert.deepEqual(await peer.keys('list:['), ['list:[y]']);
      assert.deepEqual(await peer.keys('nothing-here:'), []);
    });

    it('grants a claim once and holds the owner until it expires', async () => {
      assert.equal(await store.claim('claim:once', 60_000, 'replica-a'), true);
      assert.equal(await peer.claim('claim:once', 60_000, 'replica-b'), false);
      assert.equal(await store.claim('claim:once', 60_000, 'replica-a'), false);
      assert.equal(await peer.get('claim:once'), 'replica-a');
    });

    it('lets an expired claim be claimed again', async () => {
      assert.equal(await store.claim('claim:expiring', SHORT_TTL_MS), true);
      assert.equal(await peer.claim('claim:expiring', SHORT_TTL_MS), false);
      await sleep(PAST_TTL_MS);
      assert.equal(await peer.claim('claim:expiring', 60_000, 'second'), true);
      assert.equal(await store.get('claim:expiring'), 'second');
    });

    it('does not claim a key that already holds a value, and a deleted claim is free again', async () => {
      await store.set('claim:taken', { any: 'value' });
      assert.equal(await peer.claim('claim:taken', 60_000), false);
      assert.equal(await store.claim('claim:released', 60_000), true);
      assert.equal(await store.delete('claim:released'), true);
      assert.equal(await peer.claim('claim:released', 60_000), true);
    });

    it('gives exactly one of 50 concurrent claimers on two connections the claim', async () => {
      for (const round of [1, 2, 3]) {
        const key = `claim:race:${round}`;
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            (i % 2 === 0 ? store : peer).claim(key, 60_000, `claimer-${i}`),
          ),
        );
        assert.equal(results.filter(Boolean).length, 1, `round ${round}`);
      }
    });

    it('keeps values across closing and reopening when durable', async (t) => {
      if (!fixture.durable) {
        t.skip('this store keeps nothing once closed, by design');
        return;
      }
      const writer = await fixture.open();
      await writer.set('durable:k', { kept: true });
      await writer.claim('durable:claim', 60_000, 'owner');
      await writer.close();
      const reader = await fixture.open();
      assert.deepEqual(await reader.get('durable:k'), { kept: true });
      assert.equal(await reader.claim('durable:claim', 60_000, 'other'), false);
    });
  });
}
