import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { createAgentStep } from '../../src/runs/index.ts';
import {
  type FakeAnthropic,
  inOrder,
  reply,
  startFakeAnthropic,
  toolResults,
  toolUse,
} from '../fakes/anthropic.ts';
import { eventLog, fakeMetrics, procedureService, removeDir, stepIs, tempDir } from './procedures-harness.ts';

const RUNBOOK = {
  'look.yaml': `id: look
name: Look
mode: procedure
steps:
  - id: findings
    instruction: Find out how many errors per second the API serves.
    agent: true
`,
};
const origin = { source: 'cli' as const };

describe('agent: true instruction steps', () => {
  let dir: string;
  let anthropic: FakeAnthropic;
  before(async () => {
    dir = await tempDir('runbook-procedures-agent-');
    anthropic = await startFakeAnthropic(
      inOrder(
        reply(toolUse('run_check', { check: { type: 'prometheus_query', query: 'api_errors' } })),
        reply(toolUse('run_check', { check: { type: 'command', command: ['rm', '-rf', '/'] } })),
        reply(
          toolUse('finish', { finding: 'The API serves 3 errors per second.', evidence: ['api_errors = 3'] }),
        ),
      ),
    );
  });
  after(async () => {
    await anthropic?.close();
    await removeDir(dir);
  });

  it('are carried out by Claude with read-only checks when a key is set', async () => {
    const metrics = fakeMetrics(() => 3);
    const client = new Anthropic({ apiKey: 'test-key', baseURL: anthropic.url, maxRetries: 0 });
    const agent = createAgentStep({
      client,
      model: 'claude-test',
      providers: { prometheus_query: metrics.provider },
      now: () => new Date(),
    });
    const app = await procedureService(`${dir}/with-key`, RUNBOOK, { metrics: metrics.provider, agent });
    try {
      const log = eventLog();
      const handle = await app.service.startRunbook(
        { runbookId: 'look', params: {}, actor: 'cli:alice', origin },
        log.sink,
      );
      const record = await handle.done;
      assert.equal(record.status, 'completed');
      const done = log.events.find(stepIs('findings', 'complete'));
      assert.match(
        done?.type === 'step.changed' ? (done.summary ?? '') : '',
        /^The API serves 3 errors per second\.\n• api_errors = 3$/,
      );
      assert.ok(!log.events.some(stepIs('findings', 'waiting')), 'nobody was asked');
      assert.equal(metrics.calls.get('api_errors'), 1);
      const refused = toolResults(anthropic.requests[2] as (typeof anthropic.requests)[number])[0];
      assert.equal(refused?.is_error, true);
      assert.match(refused?.content ?? '', /command is not a read-only check/);
    } finally {
      await app.close();
    }
  });

  it('stay a checklist item for a person without a key', async () => {
    const app = await procedureService(`${dir}/without-key`, RUNBOOK);
    try {
      const log = eventLog();
      const handle = await app.service.startRunbook(
        { runbookId: 'look', params: {}, actor: 'cli:alice', origin },
        log.sink,
      );
      await log.next(stepIs('findings', 'waiting'));
      await app.service.answerStep(
        handle.runId,
        'findings',
        'done',
        { id: 'U0ALICE', via: 'slack' },
        'about 3/s',
      );
      const record = await handle.done;
      assert.equal(record.status, 'completed');
      const done = log.events.find(stepIs('findings', 'complete'));
      assert.match(done?.type === 'step.changed' ? (done.summary ?? '') : '', /done by U0ALICE: about 3\/s/);
    } finally {
      await app.close();
    }
  });
});
