// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the runbook placeholder syntax under test
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunbookError } from '../errors/index.ts';
import { parseRunbook, resolveParams, substituteParams } from './index.ts';

describe('substituteParams', () => {
  it('replaces placeholders deep inside a diagnostic and keeps other values', () => {
    const step = {
      type: 'prometheus_query',
      query: 'rate(http_requests_total{service="${service}"}[${window}])',
      range: { window: '${window}', points: 30 },
      tags: ['${service}', 'static'],
      enabled: true,
    };
    assert.deepEqual(substituteParams(step, { service: 'web', window: '5m' }), {
      type: 'prometheus_query',
      query: 'rate(http_requests_total{service="web"}[5m])',
      range: { window: '5m', points: 30 },
      tags: ['web', 'static'],
      enabled: true,
    });
  });

  it('keeps each argv element exactly one argument, whatever the value holds', () => {
    const argv = ['kubectl', 'logs', 'deploy/${service}', '--selector', '${selector}'];
    const result = substituteParams(argv, { service: 'web', selector: 'app=web tier=db' });
    assert.deepEqual(result, ['kubectl', 'logs', 'deploy/web', '--selector', 'app=web tier=db']);
  });

  it('writes numbers and booleans as text', () => {
    assert.equal(substituteParams('${replicas}/${dry_run}', { replicas: 3, dry_run: false }), '3/false');
  });

  it('throws for a placeholder without a value instead of leaving it or guessing', () => {
    assert.throws(
      () => substituteParams({ query: 'up{pod="${pod}"}' }, { service: 'web' }),
      (error: unknown) =>
        error instanceof RunbookError &&
        error.code === 'parameter.invalid' &&
        /"\$\{pod\}" in "up\{pod="\$\{pod\}"\}" has no value; parameters with values: service/.test(
          error.message,
        ),
    );
    assert.throws(() => substituteParams('${toString}', {}), /has no value/);
  });

  it('turns $${…} into a literal ${…}', () => {
    assert.equal(substituteParams('echo $${HOME} ${name}', { name: 'x' }), 'echo ${HOME} x');
  });

  it('never lets an injected value reach a query: resolveParams refuses it first', () => {
    const runbook = parseRunbook(
      [
        'id: x',
        'name: y',
        'parameters:',
        '  - name: service',
        'diagnostics:',
        '  - id: errors',
        '    type: prometheus_query',
        '    query: sum(rate(http_requests_total{service="${service}"}[5m]))',
        '',
      ].join('\n'),
      'x.yaml',
    ).definition;
    assert.throws(() => resolveParams(runbook, { service: '"} or vector(1) #' }), /parameter "service"/);
    const params = resolveParams(runbook, { service: 'checkout' });
    const diagnostic = substituteParams(runbook.diagnostics[0], params);
    assert.ok(diagnostic?.type === 'prometheus_query');
    assert.equal(diagnostic.query, 'sum(rate(http_requests_total{service="checkout"}[5m]))');
  });
});
