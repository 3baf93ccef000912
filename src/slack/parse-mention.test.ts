import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMention, plainText } from './parse-mention.ts';

describe('parseMention', () => {
  it('finds the service in a sentence and keeps the words as text', () => {
    const parsed = parseMention('<@U0BOT> payment-service is slow since the deploy', 'U0BOT');
    assert.equal(parsed.target, 'payment-service');
    assert.equal(parsed.text, 'payment-service is slow since the deploy');
    assert.equal(parsed.keyword, undefined);
  });

  it('skips filler words and reads parameters', () => {
    const parsed = parseMention('<@U0BOT> please check checkout, env=prod', 'U0BOT');
    assert.equal(parsed.target, 'checkout');
    assert.deepEqual(parsed.params, { env: 'prod' });
  });

  it('recognises the thread keywords only as short requests', () => {
    assert.equal(parseMention('<@U0BOT> why', 'U0BOT').keyword, 'why');
    assert.equal(parseMention('<@U0BOT> Status?', 'U0BOT').keyword, 'status');
    assert.equal(parseMention('<@U0BOT> status please', 'U0BOT').keyword, 'status');
    assert.equal(
      parseMention('<@U0BOT> status of the payment service after the deploy', 'U0BOT').keyword,
      undefined,
    );
  });

  it('turns Slack markup into plain words and cannot smuggle a broadcast', () => {
    assert.equal(
      plainText('<@U0BOT> see <https://x.io/a|the dashboard> in <#C1|ops> <!channel>', 'U0BOT'),
      'see the dashboard in #ops !channel',
    );
  });
});
