import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDotEnv, withDotEnv } from './read-dotenv.ts';

describe('.env files', () => {
  it('reads NAME=value lines with quotes, export prefixes and comments, skipping empty values', () => {
    const text = [
      '# Slack',
      'SLACK_BOT_TOKEN=xoxb-1 # the bot',
      'export PORT=3001',
      'RUNBOOK_APPROVERS="U1,U2"',
      "LOG_LEVEL='debug'",
      'PROMETHEUS_URL=',
      'not a line',
    ].join('\n');
    assert.deepEqual(parseDotEnv(text), {
      SLACK_BOT_TOKEN: 'xoxb-1',
      PORT: '3001',
      RUNBOOK_APPROVERS: 'U1,U2',
      LOG_LEVEL: 'debug',
    });
  });

  it('lets variables already in the environment win over the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runbook-dotenv-'));
    try {
      await writeFile(join(dir, '.env'), 'PORT=3001\nLOG_LEVEL=debug\n');
      assert.deepEqual(withDotEnv({ PORT: '4000' }, dir), { PORT: '4000', LOG_LEVEL: 'debug' });
      assert.deepEqual(withDotEnv({ PORT: '4000' }, join(dir, 'missing')), { PORT: '4000' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
