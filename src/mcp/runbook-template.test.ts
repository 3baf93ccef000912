import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRunbook } from '../runbooks/index.ts';
import { runbookTemplate } from './runbook-template.ts';

describe('runbookTemplate', () => {
  it('produces a draft runbook that validates as written', () => {
    const loaded = parseRunbook(runbookTemplate({ id: 'checkout-errors', service: 'checkout' }), 't.yaml');
    assert.equal(loaded.definition.id, 'checkout-errors');
    assert.equal(loaded.definition.status, 'draft');
    assert.equal(loaded.definition.service, 'checkout');
  });

  it('adds an alert trigger when given an alert name, quoting it safely', () => {
    const loaded = parseRunbook(
      runbookTemplate({ id: 'x', alertName: 'Checkout: "5xx" high', name: 'a: b' }),
      't.yaml',
    );
    assert.deepEqual(
      loaded.definition.triggers.map((trigger) => trigger.type),
      ['alert', 'manual'],
    );
    assert.equal(loaded.definition.name, 'a: b');
  });
});
