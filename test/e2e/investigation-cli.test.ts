import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { investigateCommand } from '../../src/cli/commands/investigate.ts';
import type { CliIO } from '../../src/cli/types.ts';
import {
  loadScenario,
  type ScenarioEnvironment,
  startScenarioEnvironment,
} from '../../src/scenarios/index.ts';

const root = join(import.meta.dirname, '../..');

function terminal(env: Record<string, string>): { io: CliIO; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      env,
      cwd: root,
      stdout: { write: (text: string) => (out += text), isTTY: false },
      stderr: { write: (text: string) => (err += text) },
      prompt: undefined,
      signal: new AbortController().signal,
    },
    out: () => out,
    err: () => err,
  };
}

describe('runbook investigate', () => {
  let environment: ScenarioEnvironment;
  let dataDir: string;
  let env: Record<string, string>;
  before(async () => {
    environment = await startScenarioEnvironment(
      await loadScenario(join(root, 'test/scenarios/payment-db-exhaustion')),
    );
    dataDir = await mkdtemp(join(tmpdir(), 'runbook-investigate-'));
    env = { ...environment.env, RUNBOOK_DATA_DIR: dataDir, RUNBOOK_RUNBOOKS_DIR: join(root, 'runbooks') };
  });
  after(async () => {
    await environment?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('shows hypotheses, evidence and pruning as they happen, then the incident note', async () => {
    const { io, out } = terminal(env);
    const code = await investigateCommand.run(['payment-service', '--label', 'namespace=production'], io);
    assert.equal(code, 0);
    const text = out();
    assert.match(text, /\? hypothesis db-connection-exhaustion/);
    assert.match(text, /● h\d strong db-connection-exhaustion\.connection_usage/);
    assert.match(text, /- pruned h\d/);
    assert.match(text, /■ db-connection-exhaustion \((high|medium) confidence\)/);
    assert.match(text, /# Incident note: payment-service — db-connection-exhaustion/);
    assert.match(text, /## Recommended actions[\s\S]*risk/);
  });

  it('prints the structured result with --json and nothing else', async () => {
    const { io, out } = terminal(env);
    const code = await investigateCommand.run(
      [
        'PaymentServiceHighLatency',
        '--label',
        'service=payment-service',
        '--json',
        '--planner',
        'deterministic',
      ],
      io,
    );
    assert.equal(code, 0);
    const result = JSON.parse(out()) as {
      conclusion: { category: string };
      planner: string;
      hypotheses: unknown[];
    };
    assert.equal(result.conclusion.category, 'db-connection-exhaustion');
    assert.equal(result.planner, 'deterministic');
    assert.ok(result.hypotheses.length >= 3 && result.hypotheses.length <= 5);
  });

  it('refuses bad usage with exit status 2', async () => {
    const { io, err } = terminal(env);
    assert.equal(await investigateCommand.run(['--planner', 'gpt'], io), 2);
    assert.match(err(), /--planner expects deterministic or claude/);
  });
});
