import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradeEvidence } from './grade-evidence.ts';
import { confidenceAfter, updateConfidence } from './update-confidence.ts';

const outcome = (health: 'healthy' | 'warning' | 'critical' | 'unknown' | 'error') => ({
  health,
  name: 'Share of max_connections in use',
  summary: 'max = 0.97 over 1 series (payments-db)',
  ...(health === 'error' ? { error: 'prometheus: connection refused' } : {}),
});

describe('gradeEvidence', () => {
  it('grades a critical check that singles the category out as strong', () => {
    assert.equal(
      gradeEvidence(outcome('critical'), 'db-connection-exhaustion', ['db-connection-exhaustion']).grade,
      'strong',
    );
  });

  it('grades a critical check shared by three categories as weak, saying why', () => {
    const graded = gradeEvidence(outcome('critical'), 'oom-killed', [
      'oom-killed',
      'crashloop-config-error',
      'liveness-probe-failure',
    ]);
    assert.equal(graded.grade, 'weak');
    assert.match(graded.reason, /equally consistent with crashloop-config-error, liveness-probe-failure/);
  });

  it('grades a warning as weak and a healthy check as contradicting', () => {
    assert.equal(
      gradeEvidence(outcome('warning'), 'db-connection-exhaustion', ['db-connection-exhaustion']).grade,
      'weak',
    );
    assert.equal(
      gradeEvidence(outcome('healthy'), 'db-connection-exhaustion', ['db-connection-exhaustion']).grade,
      'contradicting',
    );
  });

  it('says nothing about a check that failed or saw no data', () => {
    assert.equal(
      gradeEvidence(outcome('error'), 'db-connection-exhaustion', ['db-connection-exhaustion']).grade,
      'none',
    );
    assert.equal(
      gradeEvidence(outcome('unknown'), 'db-connection-exhaustion', ['db-connection-exhaustion']).grade,
      'none',
    );
  });
});

describe('updateConfidence', () => {
  it('raises confidence on strong evidence, lowers it on contradicting, and leaves it on none', () => {
    assert.ok(updateConfidence(0.2, 'strong') > 0.5);
    assert.ok(updateConfidence(0.2, 'contradicting') < 0.1);
    assert.equal(updateConfidence(0.2, 'none'), 0.2);
  });

  it('never reaches certainty', () => {
    assert.equal(confidenceAfter(0.5, ['strong', 'strong', 'strong', 'strong', 'strong']), 0.99);
    assert.equal(
      confidenceAfter(0.5, [
        'contradicting',
        'contradicting',
        'contradicting',
        'contradicting',
        'contradicting',
      ]),
      0.01,
    );
  });
});
