import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAutonomyAdvisor } from './autonomy-advisor.ts';

async function withAudit(lines: object[], body: (path: string) => Promise<void>) {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-advisor-'));
  try {
    const path = join(dir, 'audit.jsonl');
    await writeFile(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n{"torn":`);
    await body(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const streakOfThree = [1, 2, 3].flatMap((n) => [
  {
    type: 'approval.requested',
    run_id: `r${n}`,
    runbook: 'db',
    data: { approvalId: `a${n}`, remediationId: 'restart' },
  },
  { type: 'approval.approved', run_id: `r${n}`, runbook: 'db', data: { approvalId: `a${n}` } },
  {
    type: 'action.executed',
    run_id: `r${n}`,
    runbook: 'db',
    data: { approvalId: `a${n}`, status: 'succeeded' },
  },
  { type: 'validation.finished', run_id: `r${n}`, runbook: null, data: { passed: true } },
]);

describe('createAutonomyAdvisor', () => {
  it('approves once the streak reaches the policy, within its risk', async () => {
    await withAudit(streakOfThree, async (path) => {
      const advisor = createAutonomyAdvisor(path);
      const base = { runbookId: 'db', remediationId: 'restart' };
      assert.equal(
        (await advisor.verdict({ ...base, risk: 'low', policy: { maxRisk: 'low', after: 3 } })).eligible,
        true,
      );
      assert.equal(
        (await advisor.verdict({ ...base, risk: 'low', policy: { maxRisk: 'low', after: 4 } })).eligible,
        false,
      );
      assert.equal(
        (await advisor.verdict({ ...base, risk: 'medium', policy: { maxRisk: 'low', after: 1 } })).eligible,
        false,
      );
      assert.equal((await advisor.verdict({ ...base, risk: 'low', policy: undefined })).eligible, false);
    });
  });

  it('never approves high risk, whatever the record', async () => {
    await withAudit(streakOfThree, async (path) => {
      const verdict = await createAutonomyAdvisor(path).verdict({
        runbookId: 'db',
        remediationId: 'restart',
        risk: 'high',
        policy: { maxRisk: 'medium', after: 1 },
      });
      assert.equal(verdict.eligible, false);
      assert.match(verdict.reason, /never/);
      assert.equal(verdict.record.streak, 3);
    });
  });

  it('starts from an empty record when there is no audit log yet', async () => {
    const verdict = await createAutonomyAdvisor('/nonexistent/audit.jsonl').verdict({
      runbookId: 'db',
      remediationId: 'restart',
      risk: 'low',
      policy: { maxRisk: 'low', after: 1 },
    });
    assert.deepEqual(verdict.record, { approved: 0, validated: 0, validatedPassed: 0, streak: 0 });
  });
});
