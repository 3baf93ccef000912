export { loadKubernetesFixture } from './load-kubernetes-fixture.ts';
export { startFakeKubernetesApi } from './start-fake-kubernetes-api.ts';
export type {
  ContainerLog,
  FakeKubernetesApi,
  FakeKubernetesApiOptions,
  KubeObject,
  KubernetesFixture,
  RecordedWrite,
} from './types.ts';
