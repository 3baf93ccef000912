export { createKubernetesLogSource } from './create-kubernetes-log-source.ts';
export {
  createKubernetesProvider,
  describeKubernetesQuery,
  type KubernetesProviderOptions,
} from './create-kubernetes-provider.ts';
export type { WorkloadRecord } from './deployment-record.ts';
export { describeKubernetesError, isNotFound } from './describe-error.ts';
export type { EventRecord } from './event-records.ts';
export {
  type KubernetesClient,
  type KubernetesClientOptions,
  type KubernetesClientResult,
  loadKubernetesClient,
} from './kubernetes-client.ts';
export type { NodeRecord } from './node-records.ts';
export type { PodRecord } from './pod-records.ts';
export type { LogLineRecord } from './read-pod-logs.ts';
export { namespaceFor, selectorString } from './resolve-workload.ts';
export { ownedReplicaSets, type RevisionRecord, revisionOf } from './rollout-history.ts';
