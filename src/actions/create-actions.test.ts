import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config/index.ts';
import { createActions } from './create-actions.ts';

test('wires all seven action types, and every plan of a mutating action says it mutates', async () => {
  const config = loadConfig({ RUNBOOK_DEFAULT_CHANNEL: 'C-DEFAULT' }, '/tmp');
  const actions = createActions(config, { kubernetes: { defaultKubeconfigPath: '/nonexistent/kubeconfig' } });
  assert.deepEqual(Object.keys(actions).sort(), [
    'escalate',
    'notify',
    'restart',
    'rollback',
    'run_command',
    'scale',
    'sql',
  ]);
  const notify = await actions.notify?.plan({ type: 'notify', message: 'hi' }, 'low');
  assert.equal(notify?.target, 'slack: C-DEFAULT');
  const command = await actions.run_command?.plan({ type: 'run_command', command: ['true'] }, 'low');
  assert.equal(command?.mutates, true);
  const sql = await actions.sql?.plan({ type: 'sql', database: 'main', sql: 'SELECT 1' }, 'low');
  assert.equal(sql?.mutates, true);
});
