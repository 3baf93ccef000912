import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunbookError } from '../errors/index.ts';
import { parseRunbook, resolveParams } from './index.ts';

const runbook = parseRunbook(
  [
    'id: params',
    'name: Parameters',
    'parameters:',
    '  - name: service',
    '    fromLabel: [service, app, deployment]',
    '    default: web',
    '  - name: namespace',
    '    required: true',
    '    fromLabel: namespace',
    '  - name: replicas',
    '    type: number',
    '    default: 3',
    '  - name: dry_run',
    '    type: boolean',
    '    default: true',
    '  - name: window',
    '    type: duration',
    '    default: 5m',
    '  - name: environment',
    '    enum: [production, staging]',
    '    default: production',
    '  - name: selector',
    '    pattern: "[a-z=,]+( [a-z=,]+)*"',
    '    default: app=web',
    '  - name: pod_regex',
    '    default: ".*"',
    '  - name: note',
    '',
  ].join('\n'),
  'params.yaml',
).definition;

function rejection(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof RunbookError);
    assert.equal(error.code, 'parameter.invalid');
    assert.match(error.message, pattern);
    return true;
  };
}

describe('resolveParams', () => {
  it('fills defaults and coerces values to their declared types', () => {
    assert.deepEqual(
      resolveParams(runbook, { namespace: 'prod', replicas: '5', dry_run: 'no', window: '10m' }),
      {
        service: 'web',
        namespace: 'prod',
        replicas: 5,
        dry_run: false,
        window: '10m',
        environment: 'production',
        selector: 'app=web',
        pod_regex: '.*',
        note: '',
      },
    );
  });

  it('takes a value from the first alert label present, and a given value over any label', () => {
    const labels = { app: 'checkout', deployment: 'checkout-v2', namespace: 'shop' };
    const service = (provided: Record<string, string>, labels: Record<string, string>) => {
      const { service: value } = resolveParams(runbook, provided, labels);
      return value;
    };
    assert.equal(service({}, labels), 'checkout');
    assert.equal(service({ service: 'cart' }, labels), 'cart');
    assert.equal(service({}, { namespace: 'shop', service: '' }), 'web');
  });

  it('names a missing required parameter and where it could come from', () => {
    assert.throws(
      () => resolveParams(runbook, {}),
      rejection(/parameter "namespace" is required: pass --param namespace=… or an alert label "namespace"/),
    );
  });

  it('rejects an unknown parameter name, suggesting the close one', () => {
    assert.throws(
      () => resolveParams(runbook, { namespace: 'a', replicaz: '2' }),
      rejection(/unknown parameter "replicaz"; did you mean "replicas"\?/),
    );
  });

  it('rejects values of the wrong type, outside the enum, or not matching the pattern', () => {
    assert.throws(
      () => resolveParams(runbook, { namespace: 'a', replicas: 'many' }),
      rejection(/parameter "replicas" given: "many" is not valid: expected a number/),
    );
    assert.throws(
      () => resolveParams(runbook, { namespace: 'a', dry_run: 'maybe' }),
      rejection(/expected true or false/),
    );
    assert.throws(
      () => resolveParams(runbook, { namespace: 'a', window: '5 minutes' }),
      rejection(/duration/),
    );
    assert.throws(
      () => resolveParams(runbook, { namespace: 'a', environment: 'dev' }),
      rejection(/"dev" is not valid: expected one of production, staging/),
    );
    assert.throws(
      () => resolveParams(runbook, { namespace: 'a', selector: 'App=Web' }),
      rejection(/expected a value matching/),
    );
  });

  it('refuses a value that would break out of a PromQL label matcher', () => {
    assert.throws(
      () => resolveParams(runbook, { namespace: 'a', service: '"} or vector(1) #' }),
      rejection(/parameter "service" given: .* is not valid: only letters, digits/),
    );
  });

  it('refuses a value that would become a command option', () => {
    assert.throws(
      () => resolveParams(runbook, { namespace: '--force' }),
      rejection(/parameter "namespace" given: "--force" is not valid: must not start with "-"/),
    );
  });

  it('treats alert labels as untrusted too', () => {
    assert.throws(
      () => resolveParams(runbook, {}, { namespace: 'prod', service: 'web"}) or vector(1)' }),
      rejection(/parameter "service" from alert label "service"/),
    );
    assert.throws(() => resolveParams(runbook, {}, { namespace: 'a\nb' }), rejection(/control characters/));
  });

  it('refuses spaces, quotes, $ and backticks but allows hosts, URLs and key=value lists', () => {
    for (const bad of ['a b', "it's", '$(id)', '`id`', 'a{b}', 'a;b']) {
      assert.throws(
        () => resolveParams(runbook, { namespace: 'a', service: bad }),
        rejection(/only letters/),
      );
    }
    const good = [
      'payment-service',
      '10.0.0.1:9100',
      'https://shop.example.com/health',
      'a=b,c=d',
      'user@host',
    ];
    for (const value of good) {
      const { service } = resolveParams(runbook, { namespace: 'a', service: value });
      assert.equal(service, value);
    }
  });

  it('lets a declared pattern allow what the safe set would not', () => {
    const { selector } = resolveParams(runbook, { namespace: 'a', selector: 'app=web tier=db' });
    assert.equal(selector, 'app=web tier=db');
  });

  it('does not mistake inherited object properties for given values', () => {
    const constructorRunbook = parseRunbook(
      'id: x\nname: y\nparameters:\n  - name: constructor\n    required: true\n',
      'x.yaml',
    ).definition;
    assert.throws(() => resolveParams(constructorRunbook, {}), rejection(/"constructor" is required/));
  });
});
