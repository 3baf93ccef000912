import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseThreshold, thresholdsOf } from './parse-threshold.ts';

describe('parseThreshold', () => {
  it('reads the number of a value comparison, int or double, either side', () => {
    assert.deepEqual(parseThreshold('value >= 1', 'critical'), {
      level: 'critical',
      value: 1,
      direction: 'above',
      source: 'value >= 1',
    });
    assert.equal(parseThreshold('value > 0.9', 'warning')?.value, 0.9);
    assert.equal(parseThreshold('7 > value', 'critical')?.direction, 'below');
    assert.equal(parseThreshold('value < 14.0', 'warning')?.direction, 'below');
  });

  it('gives no line for conditions that are not one comparison of value with a number', () => {
    assert.equal(parseThreshold('fields.status != 200', 'critical'), undefined);
    assert.equal(parseThreshold('value > 1 && value < 5', 'critical'), undefined);
    assert.equal(parseThreshold('value > params.limit', 'critical'), undefined);
    assert.equal(parseThreshold('value >', 'critical'), undefined);
  });

  it('collects critical then warning', () => {
    const found = thresholdsOf({ critical: 'value > 0.9', warning: 'value > 0.7' });
    assert.deepEqual(
      found.map((t) => [t.level, t.value]),
      [
        ['critical', 0.9],
        ['warning', 0.7],
      ],
    );
  });
});
