import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch, patchTypeOf } from './apply-patch.ts';

const deployment = {
  metadata: { name: 'web', annotations: { a: '1', b: '2' } },
  spec: {
    template: {
      spec: {
        containers: [
          { name: 'app', image: 'web:1', env: [{ name: 'X', value: '1' }] },
          { name: 'sidecar', image: 's:1' },
        ],
      },
    },
  },
};

describe('applyPatch', () => {
  it('merge patch replaces lists and deletes keys set to null', () => {
    const patched = applyPatch(
      deployment,
      {
        metadata: { annotations: { a: null, c: '3' } },
        spec: { template: { spec: { containers: [{ name: 'app', image: 'web:2' }] } } },
      },
      'merge',
    ) as typeof deployment;
    assert.deepEqual(patched.metadata.annotations, { b: '2', c: '3' });
    assert.deepEqual(patched.spec.template.spec.containers, [{ name: 'app', image: 'web:2' }]);
    assert.equal(deployment.metadata.annotations.a, '1', 'the original is untouched');
  });

  it('strategic merge patch merges named list items by name', () => {
    const patched = applyPatch(
      deployment,
      { spec: { template: { spec: { containers: [{ name: 'app', image: 'web:2' }] } } } },
      'strategic',
    ) as typeof deployment;
    assert.deepEqual(
      patched.spec.template.spec.containers.map((c) => [c.name, c.image]),
      [
        ['app', 'web:2'],
        ['sidecar', 's:1'],
      ],
    );
    assert.deepEqual(patched.spec.template.spec.containers[0]?.env, [{ name: 'X', value: '1' }]);
  });

  it('JSON patch adds, replaces, removes, tests, and fails on a missing path', () => {
    const patched = applyPatch(
      deployment,
      [
        { op: 'test', path: '/metadata/name', value: 'web' },
        { op: 'replace', path: '/spec/template/spec/containers/1/image', value: 's:2' },
        { op: 'add', path: '/metadata/annotations/kubectl.kubernetes.io~1restartedAt', value: 'now' },
        { op: 'remove', path: '/metadata/annotations/b' },
      ],
      'json',
    ) as typeof deployment;
    assert.equal(patched.spec.template.spec.containers[1]?.image, 's:2');
    assert.deepEqual(patched.metadata.annotations, { a: '1', 'kubectl.kubernetes.io/restartedAt': 'now' });
    assert.throws(
      () => applyPatch(deployment, [{ op: 'replace', path: '/spec/nope/x', value: 1 }], 'json'),
      /does not exist/,
    );
    assert.throws(
      () => applyPatch(deployment, [{ op: 'test', path: '/metadata/name', value: 'api' }], 'json'),
      /test failed/,
    );
  });

  it('knows the three patch content types and nothing else', () => {
    assert.equal(patchTypeOf('application/merge-patch+json; charset=utf-8'), 'merge');
    assert.equal(patchTypeOf('application/strategic-merge-patch+json'), 'strategic');
    assert.equal(patchTypeOf('application/json-patch+json'), 'json');
    assert.equal(patchTypeOf('application/apply-patch+yaml'), undefined);
  });
});
