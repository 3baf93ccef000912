import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectedFields } from './index.ts';

describe('selectedFields', () => {
  it('lists the fields read off a variable, by dot or by index', () => {
    const source =
      "diagnostics.cpu.status == 'critical' && diagnostics['db_pool'].value > 0.9 || params.x == 'y'";
    assert.deepEqual(selectedFields(source, 'diagnostics').sort(), ['cpu', 'db_pool']);
    assert.deepEqual(selectedFields(source, 'params'), ['x']);
  });

  it('finds references inside macros and has()', () => {
    const source =
      'has(diagnostics.pods) && diagnostics.pods.items.exists(p, p.restarts > diagnostics.limit.value)';
    assert.deepEqual(selectedFields(source, 'diagnostics').sort(), ['limit', 'pods']);
  });

  it('ignores a comprehension variable that shadows the name', () => {
    assert.deepEqual(selectedFields('items.exists(params, params.x > 1)', 'params'), []);
  });

  it('returns nothing for a source that does not parse', () => {
    assert.deepEqual(selectedFields('diagnostics.cpu >> 1', 'diagnostics'), []);
  });
});
