import { describe } from 'node:test';
import { createStateStore } from '../../src/state/index.ts';
import { runStateStoreContract } from '../../src/state/state-store.contract.ts';
import type { StateStore } from '../../src/state/types.ts';
import { redisSkipReason, startRedis } from '../helpers/redis.ts';

const skip = redisSkipReason();

if (skip) {
  describe('redis state store', { skip }, () => undefined);
} else {
  runStateStoreContract('redis', async () => {
    const redis = await startRedis();
    const opened: StateStore[] = [];
    return {
      durable: true,
      async open() {
        const store = await createStateStore({
          dataDir: '/nonexistent-unused',
          redisUrl: redis.url,
          namespace: 'test',
        });
        opened.push(store);
        return store;
      },
      async cleanup() {
        for (const store of opened) await store.close();
        await redis.stop();
      },
    };
  });
}
