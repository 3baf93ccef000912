import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandSeriesValues } from './expand-series-values.ts';

test('axN expands to N+1 copies of a, as promtool does', () => {
  assert.deepEqual(expandSeriesValues('20x3'), [20, 20, 20, 20]);
});

test('a+bxN and a-bxN count up and down from a', () => {
  assert.deepEqual(expandSeriesValues('0+600x3'), [0, 600, 1200, 1800]);
  assert.deepEqual(expandSeriesValues('10-2.5x2'), [10, 7.5, 5]);
  assert.deepEqual(expandSeriesValues('-1-1x2'), [-1, -2, -3]);
});

test('_xN is exactly N gaps while _ alone is one', () => {
  assert.deepEqual(expandSeriesValues('_x3 1 _ 2'), ['missing', 'missing', 'missing', 1, 'missing', 2]);
});

test('plain values, scientific notation, negatives, Inf, NaN and stale are read as promtool reads them', () => {
  const samples = expandSeriesValues('1 -2 1e3 2.5E-1 .5 +Inf -inf NaN stale');
  assert.deepEqual(samples.slice(0, 7), [1, -2, 1000, 0.25, 0.5, Infinity, -Infinity]);
  assert.ok(Number.isNaN(samples[7]));
  assert.equal(samples[8], 'stale');
});

test('mixed sequences concatenate in order', () => {
  assert.equal(expandSeriesValues('20x50 95x10').length, 62);
  assert.equal(expandSeriesValues('_x41 1x19').length, 61);
  assert.deepEqual(expandSeriesValues('  1e2+1e1x1   _ '), [100, 110, 'missing']);
});

test('rejects an item that is not promtool notation, naming it', () => {
  assert.throws(() => expandSeriesValues('1 2 abc'), /"abc"/);
  assert.throws(() => expandSeriesValues('1x'), /"1x"/);
  assert.throws(() => expandSeriesValues('1+x3'), /"1\+x3"/);
});

test('refuses a series that would expand beyond the size limit', () => {
  assert.throws(() => expandSeriesValues('1x999999'), /more than/);
});
