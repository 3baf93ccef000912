import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunbookError } from '../../errors/index.ts';
import { loadKubernetesFixture } from './load-kubernetes-fixture.ts';
import { shiftTimestampsInText } from './shift-timestamps.ts';

const NOW = new Date('2026-06-15T10:30:00Z');
const HOUR = 3_600_000;

const fixture = `now: 2026-01-01T12:00:00Z
objects:
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      namespace: prod
      annotations: {deployment.kubernetes.io/revision: 3}
      creationTimestamp: 2026-01-01T11:00:00Z
    spec: {replicas: 1, selector: {matchLabels: {app: web}}}
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata:
      name: web-abc
      namespace: prod
      creationTimestamp: "2026-01-01T11:59:30.250Z"
      ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
  - apiVersion: v1
    kind: Pod
    metadata: {name: web-abc-1}
    status:
      containerStatuses:
        - name: app
          lastState: {terminated: {finishedAt: "2026-01-01T11:58:40.123456789Z"}}
          state: {running: {startedAt: "2026-01-01T13:58:00+02:00"}}
  - apiVersion: v1
    kind: Event
    metadata: {name: web.1}
    involvedObject: {kind: Deployment, name: web, namespace: prod}
    message: "rolled out at 2026-01-01T11:00:00Z"
logs:
  prod/web-abc-1/app: |
    2026-01-01T11:58:01Z ERROR boom
    2026-01-01T11:58:01.5Z  at handler (x.js:1)
    plain line
  prod/web-abc-1/app/previous: |
    {"ts":"2026-01-01T11:50:00.000Z","level":"error"}
`;

function loaded() {
  return loadKubernetesFixture(fixture, { now: NOW, file: 'scenarios/web/kubernetes.yaml' });
}

function find(kind: string) {
  const object = loaded().objects.find((candidate) => candidate.kind === kind);
  assert.ok(object, `no ${kind}`);
  return object;
}

describe('loadKubernetesFixture', () => {
  const delta = NOW.getTime() - Date.parse('2026-01-01T12:00:00Z');
  const shifted = (iso: string) => new Date(Date.parse(iso) + delta).toISOString();

  it('shifts object timestamps by the distance between the run and the fixture now', () => {
    assert.equal(find('Deployment').metadata['creationTimestamp'], '2026-06-15T09:30:00Z');
    assert.equal(find('ReplicaSet').metadata['creationTimestamp'], shifted('2026-01-01T11:59:30.250Z'));
  });

  it('keeps nanosecond digits and the original offset when shifting', () => {
    type Status = {
      lastState: { terminated: { finishedAt: string } };
      state: { running: { startedAt: string } };
    };
    const pod = find('Pod') as unknown as { status: { containerStatuses: Status[] } };
    const status = pod.status.containerStatuses[0];
    assert.equal(status?.lastState.terminated.finishedAt, '2026-06-15T10:28:40.123456789Z');
    assert.equal(status?.state.running.startedAt, '2026-06-15T12:28:00+02:00');
  });

  it('shifts timestamps at the start of log lines, inside JSON lines and inside messages', () => {
    const { logs } = loaded();
    const current = logs.find((log) => !log.previous);
    assert.deepEqual(current?.lines, [
      '2026-06-15T10:28:01Z ERROR boom',
      '2026-06-15T10:28:01.5Z  at handler (x.js:1)',
      'plain line',
    ]);
    const previous = logs.find((log) => log.previous);
    assert.deepEqual(previous?.lines, ['{"ts":"2026-06-15T10:20:00.000Z","level":"error"}']);
    assert.equal(find('Event')['message'], 'rolled out at 2026-06-15T09:30:00Z');
  });

  it('shifts nothing when the fixture has no now', () => {
    const text = fixture.replace('now: 2026-01-01T12:00:00Z\n', '');
    const { objects, now } = loadKubernetesFixture(text, { now: NOW });
    assert.equal(
      objects.find((o) => o.kind === 'Deployment')?.metadata['creationTimestamp'],
      '2026-01-01T11:00:00Z',
    );
    assert.equal(now, NOW);
  });

  it('fills in uids, resourceVersions, owner uids, event uids, the default namespace and Namespace objects', () => {
    const { objects } = loaded();
    const deployment = find('Deployment');
    assert.match(
      String(deployment.metadata['uid']),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.ok(objects.every((object) => typeof object.metadata['resourceVersion'] === 'string'));
    const owner = (find('ReplicaSet').metadata['ownerReferences'] as Array<{ uid: string }>)[0];
    assert.equal(owner?.uid, deployment.metadata['uid']);
    assert.equal((find('Event')['involvedObject'] as { uid: string }).uid, deployment.metadata['uid']);
    assert.equal(find('Event').metadata.namespace, 'prod');
    assert.equal(find('Pod').metadata.namespace, 'default');
    assert.deepEqual(
      objects
        .filter((o) => o.kind === 'Namespace')
        .map((o) => o.metadata.name)
        .sort(),
      ['default', 'prod'],
    );
  });

  it('turns an unquoted number annotation into the string Kubernetes requires', () => {
    const annotations = find('Deployment').metadata['annotations'] as Record<string, unknown>;
    assert.equal(annotations['deployment.kubernetes.io/revision'], '3');
  });

  it('rejects an object without a name, naming file, line and field', () => {
    const text = 'objects:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {namespace: x}\n';
    assert.throws(
      () => loadKubernetesFixture(text, { now: NOW, file: 'k.yaml' }),
      (error: unknown) =>
        error instanceof RunbookError &&
        error.code === 'scenario.invalid' &&
        error.message === 'k.yaml:4: objects[0].metadata.name: required: the object name',
    );
  });

  it('ignores top-level fields it does not know, since the scenario format may grow', () => {
    const fixture = loadKubernetesFixture('description: a note\nobjects: []\n', { now: NOW });
    assert.deepEqual(fixture.objects, []);
  });

  it('rejects malformed YAML, a bad now and bad log keys', () => {
    const cases: Array<[string, RegExp]> = [
      ['objects: [\n', /kubernetes\.yaml:2: \(document\): invalid YAML: /],
      ['now: yesterday\n', /kubernetes\.yaml:1: now: expected an RFC 3339 timestamp/],
      ['logs:\n  just-a-pod: hi\n', /logs\.just-a-pod: expected a key like namespace\/pod\/container/],
      ['objects:\n  - kind: Pod\n    metadata: {name: x}\n', /objects\[0\]\.apiVersion: required/],
    ];
    for (const [text, pattern] of cases) {
      assert.throws(() => loadKubernetesFixture(text, { now: NOW }), pattern, text);
    }
  });
});

describe('shiftTimestampsInText', () => {
  it('rolls over days and keeps a space separator and millisecond precision', () => {
    assert.equal(shiftTimestampsInText('at 2026-01-01 23:30:00.100Z.', HOUR), 'at 2026-01-02 00:30:00.100Z.');
  });
});
