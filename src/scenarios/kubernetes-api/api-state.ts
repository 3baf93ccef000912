import type { ResourceType } from './resource-catalog.ts';
import { apiVersionOf } from './resource-catalog.ts';
import type { ContainerLog, KubeObject, RecordedWrite } from './types.ts';

/** What one fake API server instance serves and has received. Owned by that instance only. */
export interface ApiState {
  objects: KubeObject[];
  logs: readonly ContainerLog[];
  catalog: ResourceType[];
  writes: RecordedWrite[];
  applyWrites: boolean;
  clock: () => Date;
  serverAddress: string;
  resourceVersion: number;
}

export function isOfType(object: KubeObject, type: ResourceType): boolean {
  return object.kind === type.kind && object.apiVersion === apiVersionOf(type);
}

export function findObject(
  state: ApiState,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
): KubeObject | undefined {
  return state.objects.find(
    (object) =>
      isOfType(object, type) &&
      object.metadata.name === name &&
      (!type.namespaced || object.metadata.namespace === namespace),
  );
}

/** The `autoscaling/v1` Scale view of a Deployment, ReplicaSet or StatefulSet. */
export function scaleOf(object: KubeObject): KubeObject {
  const spec = (object['spec'] ?? {}) as {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
  };
  const status = (object['status'] ?? {}) as { replicas?: number };
  const selector = Object.entries(spec.selector?.matchLabels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const { name, namespace } = object.metadata;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name,
      ...(namespace === undefined ? {} : { namespace }),
      uid: object.metadata['uid'],
      resourceVersion: object.metadata['resourceVersion'],
      creationTimestamp: object.metadata['creationTimestamp'],
    },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, selector },
  };
}
