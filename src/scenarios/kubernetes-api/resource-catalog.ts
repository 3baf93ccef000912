import type { KubeObject } from './types.ts';

/** One API resource the fake serves, as discovery describes it. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  /** Subresources served beside the object: `scale`, `log`, `status`. */
  subresources: string[];
}

const known: ResourceType[] = [
  core('Pod', 'pods', true, ['po'], ['log', 'status']),
  core('Event', 'events', true, ['ev']),
  core('Node', 'nodes', false, ['no'], ['status']),
  core('Namespace', 'namespaces', false, ['ns'], ['status']),
  core('Service', 'services', true, ['svc'], ['status']),
  core('ConfigMap', 'configmaps', true, ['cm']),
  core('PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc'], ['status']),
  core('PersistentVolume', 'persistentvolumes', false, ['pv'], ['status']),
  core('Endpoints', 'endpoints', true, ['ep']),
  apps('Deployment', 'deployments', ['deploy']),
  apps('ReplicaSet', 'replicasets', ['rs']),
  apps('StatefulSet', 'statefulsets', ['sts']),
  apps('DaemonSet', 'daemonsets', ['ds']),
  { ...apps('ControllerRevision', 'controllerrevisions', []), subresources: [] },
  typed('batch', 'v1', 'Job', 'jobs', true, [], ['status']),
  typed('batch', 'v1', 'CronJob', 'cronjobs', true, ['cj'], ['status']),
  typed('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, ['pdb'], ['status']),
  typed(
    'autoscaling',
    'v2',
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    true,
    ['hpa'],
    ['status'],
  ),
  typed('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, ['ing'], ['status']),
];

function typed(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  shortNames: string[],
  subresources: string[] = [],
): ResourceType {
  return { group, version, kind, plural, singular: kind.toLowerCase(), namespaced, shortNames, subresources };
}

function core(kind: string, plural: string, namespaced: boolean, shortNames: string[], sub: string[] = []) {
  return typed('', 'v1', kind, plural, namespaced, shortNames, sub);
}

function apps(kind: string, plural: string, shortNames: string[]) {
  const scalable = ['Deployment', 'ReplicaSet', 'StatefulSet'].includes(kind);
  return typed('apps', 'v1', kind, plural, true, shortNames, scalable ? ['scale', 'status'] : ['status']);
}

function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * The resource types to serve: the well-known ones, plus any other kind the fixture holds
 * (custom resources), named the way the API server names them.
 */
export function buildCatalog(objects: readonly KubeObject[]): ResourceType[] {
  const catalog = [...known];
  for (const object of objects) {
    const { group, version } = splitApiVersion(object.apiVersion);
    if (
      catalog.some((type) => type.kind === object.kind && type.group === group && type.version === version)
    ) {
      continue;
    }
    const namespaced = typeof object.metadata.namespace === 'string';
    catalog.push(typed(group, version, object.kind, pluralOf(object.kind), namespaced, []));
  }
  return catalog;
}

export function apiVersionOf(type: ResourceType): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}
