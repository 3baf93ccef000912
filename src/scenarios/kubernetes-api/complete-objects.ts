import { createHash } from 'node:crypto';
import { apiVersionOf, buildCatalog, splitApiVersion } from './resource-catalog.ts';
import type { KubeObject } from './types.ts';

type Metadata = KubeObject['metadata'];

/** A stable UUID-shaped id, so the same fixture always yields the same uids. */
function uidFor(kind: string, namespace: string | undefined, name: string): string {
  const hex = createHash('sha256')
    .update(`${kind}/${namespace ?? ''}/${name}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * Fills in what real objects always carry and fixtures usually omit: `metadata.uid`,
 * `resourceVersion`, the `default` namespace, the uid in owner references and in events'
 * `involvedObject` (kubectl matches on them), and a Namespace object for every namespace used.
 */
export function completeObjects(input: readonly KubeObject[]): KubeObject[] {
  const catalog = buildCatalog(input);
  const objects: KubeObject[] = input.map((object) => structuredClone(object));
  for (const object of objects) {
    const { group, version } = splitApiVersion(object.apiVersion);
    const type = catalog.find((t) => t.kind === object.kind && t.group === group && t.version === version);
    if (type?.namespaced && object.metadata.namespace === undefined) {
      object.metadata.namespace = namespaceFromEvent(object) ?? 'default';
    }
  }
  const namespaces = new Set(
    objects.map((object) => object.metadata.namespace).filter((ns) => ns !== undefined),
  );
  for (const namespace of namespaces) {
    if (!objects.some((object) => object.kind === 'Namespace' && object.metadata.name === namespace)) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
  }
  objects.forEach((object, index) => {
    const metadata: Metadata = object.metadata;
    metadata['uid'] ??= uidFor(object.kind, metadata.namespace, metadata.name);
    metadata['resourceVersion'] ??= String(1000 + index);
  });
  const uidOf = (kind: unknown, namespace: string | undefined, name: unknown) =>
    objects.find(
      (candidate) =>
        candidate.kind === kind &&
        candidate.metadata.name === name &&
        (candidate.metadata.namespace === undefined || candidate.metadata.namespace === namespace),
    )?.metadata['uid'];
  for (const object of objects) {
    const owners = object.metadata['ownerReferences'];
    if (Array.isArray(owners)) {
      for (const owner of owners.map(asRecord)) {
        if (owner && owner['uid'] === undefined) {
          owner['uid'] =
            uidOf(owner['kind'], object.metadata.namespace, owner['name']) ??
            uidFor(String(owner['kind']), object.metadata.namespace, String(owner['name']));
        }
      }
    }
    const involved = asRecord(object['involvedObject']);
    if (object.kind === 'Event' && involved) {
      involved['namespace'] ??= object.metadata.namespace;
      const uid = uidOf(involved['kind'], object.metadata.namespace, involved['name']);
      if (involved['uid'] === undefined && uid !== undefined) involved['uid'] = uid;
      if (involved['apiVersion'] === undefined) {
        const type = catalog.find((t) => t.kind === involved['kind']);
        if (type) involved['apiVersion'] = apiVersionOf(type);
      }
    }
  }
  return objects;
}

function namespaceFromEvent(object: KubeObject): string | undefined {
  if (object.kind !== 'Event') return undefined;
  const namespace = asRecord(object['involvedObject'])?.['namespace'];
  return typeof namespace === 'string' ? namespace : undefined;
}
