import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesFields, matchesLabels, parseSelector } from './match-selectors.ts';
import type { KubeObject } from './types.ts';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'prod', labels: { app: 'web', tier: 'api' } },
  spec: { nodeName: 'node-a' },
};
const labels = (selector: string) =>
  matchesLabels(pod, parseSelector(selector) ?? assert.fail(`unparsed ${selector}`));
const fields = (selector: string) =>
  matchesFields(pod, parseSelector(selector) ?? assert.fail(`unparsed ${selector}`));

describe('selectors', () => {
  it('matches equality, inequality, set-based and existence label requirements', () => {
    assert.equal(labels(''), true);
    assert.equal(labels('app=web,tier==api'), true);
    assert.equal(labels('app!=web'), false);
    assert.equal(labels('tier in (api, worker),app notin (db)'), true);
    assert.equal(labels('tier in (worker)'), false);
    assert.equal(labels('app,!canary'), true);
    assert.equal(labels('!app'), false);
  });

  it('matches field selectors on dotted paths, a missing field comparing as empty', () => {
    assert.equal(fields('metadata.name=web-1,spec.nodeName=node-a'), true);
    assert.equal(fields('status.phase='), true);
    assert.equal(fields('metadata.namespace!=prod'), false);
  });

  it('rejects malformed selectors', () => {
    assert.equal(parseSelector('app in web'), undefined);
    assert.equal(parseSelector('a b'), undefined);
  });
});
