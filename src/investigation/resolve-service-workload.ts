import { type IncidentContext, workloadOfPod } from './derive-context.ts';

/** Names safe to place inside a PromQL label matcher and a Kubernetes API path. */
const SAFE_NAME = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

/** Labels that name a workload itself: when the alert carries one, the workload is already known. */
const WORKLOAD_LABELS = ['deployment', 'statefulset', 'daemonset', 'kube_deployment', 'kube_stateful_set'];

/**
 * When the alert names its subject only by a `service` or `job` label, that is the Kubernetes
 * Service (or scrape job) name, which may not be the workload's. Undefined when there is nothing to
 * resolve.
 */
export function serviceNameToResolve(context: IncidentContext): string | undefined {
  const name = context.workload;
  if (name === undefined || !SAFE_NAME.test(name) || context.metricsService !== undefined) return undefined;
  const { labels } = context;
  if (WORKLOAD_LABELS.some((label) => labels[label] !== undefined)) return undefined;
  return labels['service'] === name || labels['job'] === name ? name : undefined;
}

/**
 * The pods behind the service: a kube-prometheus scrape labels every series, `up` included (also
 * while the target is down), with the Service, the job and the target's `pod`.
 */
export function servicePodsQuery(name: string): string {
  return [
    `count by (namespace, pod) (up{service="${name}", pod!=""})`,
    `count by (namespace, pod) (up{job="${name}", pod!=""})`,
    `count by (namespace, pod) (http_requests_total{service="${name}", pod!=""})`,
    `count by (namespace, pod) (http_requests_total{job="${name}", pod!=""})`,
  ].join(' or ');
}

/**
 * The workload behind a service when its pods all belong to one workload named otherwise (the
 * Service `cart` selects the Deployment `cart-api`): the context then names that workload and keeps
 * the service name for the HTTP metrics. Unchanged when the pods are the service's own, belong to
 * several workloads, or are unknown.
 */
export function withWorkloadBehindService(
  context: IncidentContext,
  name: string,
  series: ReadonlyArray<{ labels: Readonly<Record<string, string>> }>,
): IncidentContext {
  const workloads = new Set<string>();
  const namespaces = new Set<string>();
  for (const point of series) {
    const pod = point.labels['pod'];
    if (pod === undefined || pod === '') continue;
    workloads.add(workloadOfPod(pod));
    const namespace = point.labels['namespace'];
    if (namespace !== undefined && SAFE_NAME.test(namespace)) namespaces.add(namespace);
  }
  const [workload] = workloads;
  if (workloads.size !== 1 || workload === undefined || workload === name || !SAFE_NAME.test(workload))
    return context;
  const [namespace] = namespaces;
  return {
    ...context,
    workload,
    metricsService: name,
    ...(context.namespace === undefined && namespaces.size === 1 && namespace !== undefined
      ? { namespace }
      : {}),
  };
}
