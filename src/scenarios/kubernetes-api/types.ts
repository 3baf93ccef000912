/** A Kubernetes object as `kubectl get -o yaml` prints it. */
export type KubeObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string; namespace?: string };
};

/** Container logs of one container: the current one, or the previous (terminated) one. */
export interface ContainerLog {
  namespace: string;
  pod: string;
  /** Undefined when the fixture key named only `namespace/pod`: the pod's first container. */
  container: string | undefined;
  previous: boolean;
  lines: string[];
}

/** A scenario's `kubernetes.yaml`, validated, completed and shifted to the run's "now". */
export interface KubernetesFixture {
  /** The instant the fixture's timestamps are relative to, after shifting (= the `now` it was loaded with). */
  now: Date;
  objects: KubeObject[];
  logs: ContainerLog[];
}

/** One mutating request the fake API received. */
export interface RecordedWrite {
  method: string;
  /** Request path without the query string, e.g. `/apis/apps/v1/namespaces/production/deployments/checkout`. */
  path: string;
  contentType: string;
  /** Parsed JSON body (the raw text when it is not JSON). */
  body: unknown;
  /** ISO 8601 time the request arrived. */
  at: string;
}

export interface FakeKubernetesApiOptions {
  /**
   * Apply patches to the served objects. Off by default: FORMAT.md says scenario writes are recorded,
   * not applied. The demo may turn it on to show a restart or scale taking effect.
   */
  applyWrites?: boolean;
  /** The server's clock for `sinceSeconds` and ages; defaults to the real clock. */
  clock?: () => Date;
  /** Bearer token written into the kubeconfig; a request with another token is answered 401. */
  token?: string;
}

export interface FakeKubernetesApi {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** A kubeconfig in a private temp dir: cluster `fake`, context `fake`, a token user. */
  kubeconfigPath: string;
  /** Every write so far, oldest first (copies). */
  writes(): RecordedWrite[];
  /** Closes the server and removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}
