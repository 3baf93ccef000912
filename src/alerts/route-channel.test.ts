import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RoutingRuleDefinition } from '../config/index.ts';
import { routeChannel } from './route-channel.ts';
import type { AlertNotification } from './types.ts';

const rules: RoutingRuleDefinition[] = [
  { match: { labels: { team: 'payments' }, severity: ['critical', 'page'] }, channel: 'C0PAY' },
  { match: { service: 'search-*', source: 'datadog' }, channel: 'C0SEARCH' },
];

function notification(
  overrides: Partial<AlertNotification> & { labels?: Record<string, string> },
): AlertNotification {
  const { labels = {}, ...rest } = overrides;
  return {
    source: 'alertmanager',
    status: 'firing',
    key: 'k',
    alerts: [{ name: 'A', source: 'alertmanager', labels }],
    ...rest,
  };
}

describe('routeChannel', () => {
  it('sends an alert to the first rule whose labels and severity fit', () => {
    assert.equal(
      routeChannel(notification({ labels: { team: 'payments', severity: 'critical' } }), rules, 'C0DEF'),
      'C0PAY',
    );
    assert.equal(
      routeChannel(notification({ labels: { team: 'payments', severity: 'warning' } }), rules, 'C0DEF'),
      'C0DEF',
    );
  });

  it('matches service globs only for the rule source', () => {
    const search = notification({ labels: { service: 'search-api' } });
    assert.equal(routeChannel(search, rules, undefined), undefined);
    assert.equal(routeChannel({ ...search, source: 'datadog' }, rules, undefined), 'C0SEARCH');
  });

  it('prefers the incident channel the alert names itself', () => {
    const named = notification({ labels: { team: 'payments', severity: 'critical' }, channel: 'C0INCIDENT' });
    assert.equal(routeChannel(named, rules, 'C0DEF'), 'C0INCIDENT');
  });
});
