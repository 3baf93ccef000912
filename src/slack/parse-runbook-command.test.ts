import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunbookError } from '../errors/index.ts';
import { parseArgs, splitWords } from './parse-command-args.ts';
import { parseRunbookCommand } from './parse-runbook-command.ts';

describe('splitWords', () => {
  it('keeps quoted values with spaces together and drops the quotes', () => {
    assert.deepEqual(splitWords(`run disk-full host="db 1" note='it is full'`), [
      'run',
      'disk-full',
      'host=db 1',
      'note=it is full',
    ]);
  });

  it('treats the smart quotes some Slack clients send as plain quotes', () => {
    assert.deepEqual(splitWords('run x note=\u201Ca b\u201D'), ['run', 'x', 'note=a b']);
  });

  it('honours backslash escapes and keeps empty quoted values', () => {
    assert.deepEqual(splitWords(String.raw`k="say \"hi\"" empty=""`), ['k=say "hi"', 'empty=']);
  });

  it('rejects an unclosed quote with a fix', () => {
    assert.throws(
      () => splitWords('run x note="oops'),
      (error: unknown) =>
        error instanceof RunbookError && error.code === 'parameter.invalid' && /unclosed/.test(error.message),
    );
  });
});

describe('parseArgs', () => {
  it('separates name=value parameters from positional words', () => {
    assert.deepEqual(parseArgs(['payment-service', 'env=prod', 'url=http://x/?a=b']), {
      positional: ['payment-service'],
      params: { env: 'prod', url: 'http://x/?a=b' },
    });
  });
});

describe('parseRunbookCommand', () => {
  it('reads investigate with a target and parameters', () => {
    assert.deepEqual(parseRunbookCommand('investigate payment-service window="15m"'), {
      kind: 'investigate',
      target: 'payment-service',
      text: 'payment-service',
      params: { window: '15m' },
    });
  });

  it('reads run, list, status and help', () => {
    assert.deepEqual(parseRunbookCommand('run db-connections service=checkout'), {
      kind: 'run',
      runbookId: 'db-connections',
      params: { service: 'checkout' },
    });
    assert.deepEqual(parseRunbookCommand('LIST'), { kind: 'list' });
    assert.deepEqual(parseRunbookCommand('status run-42'), { kind: 'status', runId: 'run-42' });
    assert.deepEqual(parseRunbookCommand('status'), { kind: 'status' });
    assert.deepEqual(parseRunbookCommand(''), { kind: 'help' });
  });

  it('suggests the closest subcommand for a typo and lists the usage', () => {
    const parsed = parseRunbookCommand('stauts');
    assert.equal(parsed.kind, 'invalid');
    assert.ok(parsed.kind === 'invalid');
    assert.match(parsed.problem, /unknown subcommand "stauts" \(did you mean `status`\?\)/);
    assert.match(parsed.suggestion, /\/runbook investigate/);
  });

  it('says what is missing when run has no runbook or a parameter lacks its name', () => {
    const missing = parseRunbookCommand('run');
    assert.ok(missing.kind === 'invalid' && /which runbook/.test(missing.problem));
    const stray = parseRunbookCommand('run db-connections checkout');
    assert.ok(stray.kind === 'invalid' && /parameters are written name=value/.test(stray.problem));
    const nameless = parseRunbookCommand('run db =x');
    assert.ok(nameless.kind === 'invalid' && /no parameter name/.test(nameless.problem));
  });
});
