import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EvidenceGrade } from '../engine/index.ts';
import type { RootCause } from '../runbooks/index.ts';
import type { TimingAssessment } from './assess-timing.ts';
import { chooseConclusion } from './conclude.ts';
import { deriveContext } from './derive-context.ts';
import type { HypothesisRecord } from './form-hypotheses.ts';
import { TIMING_CHECK_ID } from './grade-hypothesis.ts';
import { pruneHypotheses } from './prune-hypotheses.ts';
import { confidenceAfter } from './update-confidence.ts';

function record(
  id: string,
  category: RootCause,
  grades: Array<[checkId: string, EvidenceGrade]>,
): HypothesisRecord {
  const evidence = grades.map(([checkId, grade]) => ({
    hypothesisId: id,
    checkId,
    grade,
    reason: `${checkId} is ${grade}`,
  }));
  return {
    hypothesis: {
      id,
      category,
      statement: `${category} on checkout`,
      resource: 'checkout',
      checks: [],
      confidence: confidenceAfter(
        0.1,
        evidence.map((e) => e.grade),
      ),
      status: 'open',
    },
    prior: 0.1,
    evidence,
    branchedOn: new Set(),
  };
}

const live: TimingAssessment = {
  symptomPresent: true,
  symptomCleared: false,
  changes: new Map(),
  onsets: new Map(),
};
const cleared: TimingAssessment = {
  symptomPresent: false,
  symptomCleared: true,
  changes: new Map(),
  onsets: new Map(),
};
const context = deriveContext({
  target: 'checkout',
  alert: { name: 'CheckoutHighErrorRate', source: 'alertmanager', labels: { service: 'checkout' } },
});

describe('chooseConclusion', () => {
  it('prefers the cause that explains the other when both have strong evidence', () => {
    const deploy = record('h1', 'bad-deploy', [['rollout', 'strong']]);
    const memory = record('h2', 'memory-leak', [
      ['growth', 'strong'],
      ['slope', 'strong'],
    ]);
    const { conclusion } = chooseConclusion([memory, deploy], live, context, new Map());
    assert.equal(conclusion.category, 'bad-deploy');
    assert.match(
      conclusion.ruledOut.find((item) => item.category === 'memory-leak')?.reason ?? '',
      /explained by bad-deploy/,
    );
  });

  it('treats OOM kills under several times the usual traffic as the traffic spike, not a memory fault', () => {
    const oom = record('h1', 'oom-killed', [
      ['oom', 'strong'],
      ['pods', 'strong'],
    ]);
    const traffic = record('h2', 'traffic-spike', [['traffic', 'strong']]);
    const { conclusion } = chooseConclusion([oom, traffic], live, context, new Map());
    assert.equal(conclusion.category, 'traffic-spike');
    assert.match(
      conclusion.ruledOut.find((item) => item.category === 'oom-killed')?.reason ?? '',
      /explained by traffic-spike/,
    );
  });

  it('does not let a busy database explain a different slow dependency', () => {
    const db = record('h1', 'db-connection-exhaustion', [
      ['usage', 'strong'],
      ['logs', 'contradicting'],
    ]);
    const downstream = record('h2', 'downstream-unavailable', [
      ['slow_probe', 'strong'],
      ['health', 'strong'],
      ['timeouts', 'weak'],
    ]);
    const { conclusion } = chooseConclusion([db, downstream], live, context, new Map());
    assert.equal(conclusion.category, 'downstream-unavailable');
  });

  it('does not let evidence that began after the symptom explain it', () => {
    const deploy = record('h1', 'bad-deploy', [['rollout', 'strong']]);
    const oom = record('h2', 'oom-killed', [
      ['oom', 'strong'],
      ['pods', 'strong'],
      [TIMING_CHECK_ID, 'contradicting'],
    ]);
    const { conclusion } = chooseConclusion([oom, deploy], live, context, new Map());
    assert.equal(conclusion.category, 'bad-deploy');
  });

  it('concludes none when nothing is abnormal and the symptom has cleared, never inventing a cause', () => {
    const db = record('h1', 'db-connection-exhaustion', [['usage', 'contradicting']]);
    const cpu = record('h2', 'cpu-throttling', [['throttle', 'weak']]);
    const { conclusion, winner } = chooseConclusion([db, cpu], cleared, context, new Map());
    assert.equal(conclusion.category, 'none');
    assert.equal(winner, undefined);
    assert.match(conclusion.summary, /No fault found/);
  });

  it('names a weak lead at low confidence while the symptom is live, and asks to escalate', () => {
    const cpu = record('h1', 'cpu-throttling', [['throttle', 'weak']]);
    const { conclusion } = chooseConclusion([cpu], live, context, new Map());
    assert.equal(conclusion.category, 'cpu-throttling');
    assert.equal(conclusion.confidence, 'low');
    assert.equal(conclusion.escalate, true);
  });

  it('gives high confidence only to several strong pieces of evidence with a clear margin', () => {
    const db = record('h1', 'db-connection-exhaustion', [
      ['usage', 'strong'],
      ['logs', 'strong'],
      ['waits', 'strong'],
    ]);
    const other = record('h2', 'downstream-unavailable', [['probe', 'contradicting']]);
    assert.equal(chooseConclusion([db, other], live, context, new Map()).conclusion.confidence, 'high');
    const lone = record('h1', 'db-connection-exhaustion', [['usage', 'strong']]);
    assert.equal(chooseConclusion([lone], live, context, new Map()).conclusion.confidence, 'medium');
  });
});

describe('pruneHypotheses', () => {
  it('prunes a hypothesis a check refutes and nothing supports, with the reason', () => {
    const db = record('h1', 'db-connection-exhaustion', [['usage', 'contradicting']]);
    const deploy = record('h2', 'bad-deploy', [
      ['rollout', 'strong'],
      ['logs', 'contradicting'],
    ]);
    const pruned = pruneHypotheses([db, deploy], true);
    assert.deepEqual(
      pruned.map((r) => r.hypothesis.id),
      ['h1'],
    );
    assert.equal(db.hypothesis.status, 'pruned');
    assert.match(db.prunedBecause ?? '', /ruled out: usage is contradicting/);
  });

  it('keeps an untested hypothesis without evidence until its checks have run', () => {
    const blank = record('h1', 'dns-failure', []);
    assert.deepEqual(pruneHypotheses([blank], false), []);
    assert.deepEqual(
      pruneHypotheses([blank], true).map((r) => r.hypothesis.id),
      ['h1'],
    );
  });
});
