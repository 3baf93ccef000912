import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../errors/index.ts';
import { loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('gives embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/app');
    assert.equal(config.dataDir, '/srv/app/.runbook');
    assert.equal(config.auditLogPath, '/srv/app/.runbook/audit.jsonl');
    assert.equal(config.runbooksDir, '/srv/app/runbooks');
    assert.equal(config.slack.port, 3000);
    assert.equal(config.prometheus, undefined);
    assert.equal(config.anthropic, undefined);
  });

  it('names every bad variable on its own line', () => {
    assert.throws(
      () => loadConfig({ PORT: 'abc', PROMETHEUS_URL: 'not a url', SLACK_APP_TOKEN: 'xoxb-1' }, '/'),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.code, 'config.invalid');
        assert.equal(error.problems.length, 3);
        assert.ok(error.problems.some((line) => line.startsWith('PORT: ')));
        assert.ok(error.problems.some((line) => line.startsWith('PROMETHEUS_URL: ')));
        assert.ok(error.problems.some((line) => line.startsWith('SLACK_APP_TOKEN: ')));
        return true;
      },
    );
  });

  it('splits approvers and honours RUNBOOK_AUDIT_LOG', () => {
    const config = loadConfig({ RUNBOOK_APPROVERS: 'U1, S2 ,', RUNBOOK_AUDIT_LOG: 'logs/a.jsonl' }, '/w');
    assert.deepEqual(config.approvers, ['U1', 'S2']);
    assert.equal(config.auditLogPath, '/w/logs/a.jsonl');
  });

  it('requires a password with a Prometheus username', () => {
    assert.throws(
      () => loadConfig({ PROMETHEUS_URL: 'http://p:9090', PROMETHEUS_USERNAME: 'u' }, '/'),
      /PROMETHEUS_PASSWORD: required when PROMETHEUS_USERNAME is set/,
    );
  });
});
