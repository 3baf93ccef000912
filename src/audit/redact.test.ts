import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRedactor, redact, redactText } from './redact.ts';

const secretsInText: Array<[string, string, string]> = [
  ['a bearer header', 'curl -H "Authorization: Bearer abcdef123456.xyz" https://api', 'abcdef123456'],
  ['a basic header', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNz'],
  ['a token scheme', 'authorization=Token abc123secretvalue', 'abc123secretvalue'],
  ['a password in a query string', 'GET /api?user=bob&password=hunter2&page=3', 'hunter2'],
  ['an access token in a URL', 'https://api.example.com/v1?access_token=tok_9f8e7d6c', 'tok_9f8e7d6c'],
  ['credentials in a URL', 'https://admin:s3cr3t@db.example.com:5432/app', 's3cr3t'],
  ['a database URL', 'postgres://app:pa55word@db/app?sslmode=require', 'pa55word'],
  ['a JSON password', '{"password":"hunter2","user":"bob"}', 'hunter2'],
  ['a JSON api key with escapes', '{"api_key":"abc\\"defghi","n":1}', 'defghi'],
  ['escaped JSON inside a log line', 'log: {\\"password\\":\\"hunter2\\",\\"x\\":1}', 'hunter2'],
  ['a Python dict', "{'token': 'abc123xyz'}", 'abc123xyz'],
  ['an env dump', 'PATH=/usr/bin\nPROMETHEUS_PASSWORD=opensesame\nX=1', 'opensesame'],
  ['a Datadog api key variable', 'DD_API_KEY=0123456789abcdef0123456789abcdef', '0123456789abcdef'],
  ['a Slack bot token', 'using xoxb-1234-5678-abcdefgh for posting', 'xoxb-1234'],
  ['a Slack user token', 'token xoxp-11111-22222-abcdef', 'xoxp-11111'],
  ['a Slack app token', 'SLACK_APP_TOKEN is xapp-1-A0123-456-abcdef', 'xapp-1-A0123'],
  ['an AWS access key id', 'key AKIAIOSFODNN7EXAMPLE in use', 'AKIAIOSFODNN7EXAMPLE'],
  ['an AWS secret key', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI'],
  [
    'a private key block',
    'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nafter',
    'MIIEowIBAAKCAQEA',
  ],
  ['a truncated private key block', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0', 'MIIEvQIBADAN'],
  [
    'a JWT',
    'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'SflKxwRJSMeKKF2QT4fw',
  ],
  ['an Anthropic key', 'ANTHROPIC key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123', 'abcdefghijklmnop'],
  ['an OpenAI key', 'sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX12', 'ABCDEFGHIJKLMNOP'],
  [
    'Datadog headers',
    'DD-API-KEY: 0123456789abcdef\nDD-APPLICATION-KEY: fedcba9876543210',
    'fedcba9876543210',
  ],
  ['a cookie header', 'Cookie: session=abc123def; theme=dark\nHost: x', 'abc123def'],
  ['a YAML secret', 'client_secret: "two words"', 'two words'],
  ['a Slack webhook URL', 'post to https://hooks.slack.com/services/T000/B000/XXXXXXXX', 'XXXXXXXX'],
  ['a GitHub token', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', '0123456789abcdefghij'],
];

describe('redactText', () => {
  for (const [what, input, secret] of secretsInText) {
    it(`removes ${what}`, () => {
      const output = redactText(input);
      assert.ok(!output.includes(secret), `still contains ${secret}: ${output}`);
      assert.match(output, /\[REDACTED\]/);
    });
  }

  it('keeps the name of a redacted pair and the text around it', () => {
    assert.equal(
      redactText('GET /api?user=bob&password=hunter2&page=3'),
      'GET /api?user=bob&password=[REDACTED]&page=3',
    );
    assert.equal(redactText('Authorization: Bearer abcdef123456'), 'Authorization: Bearer [REDACTED]');
    assert.equal(redactText('https://u:p4ss@host/x'), 'https://[REDACTED]@host/x');
  });

  it('leaves ordinary operational text alone', () => {
    const text =
      'checkout p99 latency 1.8s, input_tokens: 500, max_tokens=1024, risk-low, see https://grafana.example.com/d/abc?orgId=1';
    assert.equal(redactText(text), text);
  });

  it('is idempotent', () => {
    const once = redactText('password=hunter2 Authorization: Bearer abcdefgh');
    assert.equal(redactText(once), once);
  });

  it('redacts a 1 MB log in well under a second', () => {
    const line = 'INFO 2024-05-01T03:00:00Z request id=42 path=/checkout status=500 user=bob took 12ms\n';
    const text = line.repeat(Math.ceil(1_000_000 / line.length));
    const started = performance.now();
    redactText(`${text}token=abc123\n${'a'.repeat(200_000)}`);
    assert.ok(performance.now() - started < 1000);
  });

  it('stays fast on hostile input built to make patterns backtrack', () => {
    for (const unit of [
      'a_',
      'a.',
      'sk-',
      'eyJabcde.',
      'password',
      '\\"',
      'https://a:',
      '-----BEGIN PRIVATE KEY-----',
    ]) {
      const text = unit.repeat(Math.ceil(60_000 / unit.length));
      const started = performance.now();
      redactText(text);
      assert.ok(performance.now() - started < 500, `${unit}: ${Math.round(performance.now() - started)} ms`);
    }
  });
});

describe('createRedactor', () => {
  it('removes every occurrence of a configured secret, also URL-encoded', () => {
    const redactor = createRedactor(['hunter2!', 'p@ss-w0rd']);
    const output = redactor.redactText('a hunter2! b hunter2! c p@ss-w0rd d p%40ss-w0rd');
    assert.equal(output, 'a [REDACTED] b [REDACTED] c [REDACTED] d [REDACTED]');
  });

  it('ignores configured values too short to be secrets', () => {
    assert.equal(createRedactor(['ab', '']).redactText('ab cab'), 'ab cab');
  });

  it('treats regex characters in a configured secret literally', () => {
    assert.equal(createRedactor(['a.b*c']).redactText('axbbc a.b*c'), 'axbbc [REDACTED]');
  });
});

describe('redact', () => {
  it('replaces the values of secret-named keys at any depth and scrubs every string', () => {
    const input = {
      headers: { Authorization: 'Bearer x', 'DD-API-KEY': 'k', 'content-type': 'json' },
      usage: { input_tokens: 5, max_tokens: 10 },
      password: null,
      hasToken: true,
      nested: [{ apiKey: 'x', msg: 'token=abc123' }, { credentials: { user: 'a', pass: 'b' } }],
    };
    assert.deepEqual(redact(input), {
      headers: { Authorization: '[REDACTED]', 'DD-API-KEY': '[REDACTED]', 'content-type': 'json' },
      usage: { input_tokens: 5, max_tokens: 10 },
      password: null,
      hasToken: true,
      nested: [{ apiKey: '[REDACTED]', msg: 'token=[REDACTED]' }, { credentials: '[REDACTED]' }],
    });
  });

  it('never mutates its input', () => {
    const input = { token: 'abc', list: ['password=x'] };
    const snapshot = structuredClone(input);
    redact(input);
    assert.deepEqual(input, snapshot);
  });

  it('survives cycles and bounds depth', () => {
    const cyclic: { name: string; self?: unknown } = { name: 'a' };
    cyclic.self = cyclic;
    assert.deepEqual(redact(cyclic), { name: 'a', self: '[Circular]' });
    let deep: unknown = 'password=x';
    for (let i = 0; i < 100; i += 1) deep = { next: deep };
    const output = JSON.stringify(redact(deep));
    assert.ok(!output.includes('password=x'));
  });

  it('keeps an error message, redacted', () => {
    assert.deepEqual(redact({ error: new Error('login failed for https://u:pw@host') }), {
      error: { name: 'Error', message: 'login failed for https://[REDACTED]@host' },
    });
  });
});
