import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectOnset, seriesStart } from './detect-onset.ts';

const series = (values: number[]): Array<[number, number]> =>
  values.map((value, index) => [1_000 + index * 60, value]);

describe('detectOnset', () => {
  it('dates a step change to its first departed sample', () => {
    const samples = series([...Array(40).fill(0.002), ...Array(20).fill(0.13)]);
    assert.equal(detectOnset(samples), 1_000 + 40 * 60);
  });

  it('returns nothing for a flat series or one that has recovered', () => {
    assert.equal(detectOnset(series(Array(60).fill(5))), undefined);
    assert.equal(
      detectOnset(series([...Array(30).fill(0.02), ...Array(5).fill(0.9), ...Array(25).fill(0.02)])),
      undefined,
    );
  });

  it('ignores a short blip before a sustained rise', () => {
    const samples = series([...Array(20).fill(1), 9, ...Array(19).fill(1), ...Array(20).fill(10)]);
    assert.equal(detectOnset(samples), 1_000 + 40 * 60);
  });
});

describe('seriesStart', () => {
  it('dates a series that appeared inside the window, and not one that was always there', () => {
    assert.equal(
      seriesStart(
        series([1, 1, 1]).map(([t, v]) => [t + 600, v] as [number, number]),
        1_000,
      ),
      1_600,
    );
    assert.equal(seriesStart(series([1, 1, 1]), 1_000), undefined);
  });
});
