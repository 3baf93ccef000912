import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { bearerToken, checkPagerDutySignature, checkToken } from './authenticate.ts';

const body = Buffer.from('{"event":{"event_type":"incident.triggered"}}');
const sign = (secret: string) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('webhook authentication', () => {
  it('accepts any one valid PagerDuty signature among several and refuses a forged one', () => {
    assert.deepEqual(checkPagerDutySignature(`${sign('old')}, ${sign('s3cret')}`, body, 's3cret'), {
      ok: true,
    });
    assert.deepEqual(checkPagerDutySignature(sign('old'), body, 's3cret'), {
      ok: false,
      status: 401,
      reason: 'bad signature',
    });
    assert.equal(checkPagerDutySignature(null, body, 's3cret').ok, false);
  });

  it('disables an endpoint whose secret is not configured', () => {
    assert.deepEqual(checkToken('anything', [undefined], 'DATADOG_WEBHOOK_TOKEN'), {
      ok: false,
      status: 503,
      reason: 'DATADOG_WEBHOOK_TOKEN is not set: this endpoint is disabled',
    });
  });

  it('compares bearer tokens exactly, whatever their length', () => {
    assert.equal(bearerToken('Bearer abc '), 'abc');
    assert.deepEqual(checkToken('abc', ['abc'], 'X'), { ok: true });
    assert.equal(checkToken('ab', ['abc'], 'X').ok, false);
    assert.equal(checkToken('abcd', ['abc'], 'X').ok, false);
    assert.equal(checkToken(undefined, ['abc'], 'X').ok, false);
  });
});
