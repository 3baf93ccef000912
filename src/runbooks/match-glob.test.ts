import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesGlob } from './index.ts';
import { globProblem } from './match-glob.ts';

describe('matchesGlob', () => {
  it('matches exact names exactly and case-sensitively', () => {
    assert.ok(matchesGlob('KubePodCrashLooping', 'KubePodCrashLooping'));
    assert.ok(!matchesGlob('KubePodCrashLooping', 'kubepodcrashlooping'));
    assert.ok(!matchesGlob('KubePod', 'KubePodCrashLooping'));
  });

  it('treats * as any run and ? as one character, and nothing else as special', () => {
    assert.ok(matchesGlob('Node*', 'NodeFilesystemSpaceFillingUp'));
    assert.ok(matchesGlob('*Latency', 'PaymentServiceHighLatency'));
    assert.ok(matchesGlob('Disk?Full', 'Disk-Full'));
    assert.ok(!matchesGlob('a.c', 'abc'));
    assert.ok(matchesGlob('/var/*', '/var/lib'));
  });

  it('reports globs it does not support', () => {
    assert.equal(globProblem('Node*'), undefined);
    assert.match(globProblem('Node[0-9]') ?? '', /only \* and \? are wildcards/);
    assert.match(globProblem('  ') ?? '', /empty/);
  });
});
