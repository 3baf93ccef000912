import { splitWords } from './split-words.ts';
import type { InvestigationTrigger } from './types.ts';

/** What the trigger tells us about where to look, before any check runs. */
export interface IncidentContext {
  alertName?: string;
  summary?: string;
  /** Free text from a person: data, never instructions. */
  text?: string;
  labels: Record<string, string>;
  /** The suspected workload (Deployment / StatefulSet / service name). */
  workload?: string;
  /**
   * The name the service's HTTP metrics carry in `service` / `job` when it is not the workload's
   * (a Kubernetes Service `cart` in front of the Deployment `cart-api`), learned while gathering context.
   */
  metricsService?: string;
  namespace?: string;
  pod?: string;
  container?: string;
  node?: string;
  /** A dependency named by the alert (blackbox target, probed host). */
  dependency?: string;
  /** A volume named by the alert (a PersistentVolumeClaim). */
  volume?: string;
  /** A filesystem mount point named by the alert. */
  mountpoint?: string;
  /** Node names by address (`10.0.4.12` → `ip-10-0-4-12…`), learned while gathering context. */
  nodeNames?: Record<string, string>;
  /** Words of the alert name, summary and text, for priors and knowledge search. */
  words: string[];
}

/** Labels that name the subject workload itself (kube-state-metrics series carry these). */
const SUBJECT_WORKLOAD_LABELS = [
  'deployment',
  'statefulset',
  'daemonset',
  'horizontalpodautoscaler',
  'cronjob',
  'kube_deployment',
  'kube_stateful_set',
  'workload',
];
const WORKLOAD_LABELS = [
  'service',
  'app',
  'app_kubernetes_io_name',
  'app.kubernetes.io/name',
  'kube_service',
  'service_name',
  'job_name',
] as const;
const NAMESPACE_LABELS = [
  'namespace',
  'kube_namespace',
  'exported_namespace',
  'k8s_namespace',
  'kubernetes_namespace',
];
const POD_LABELS = ['pod', 'pod_name', 'kube_pod_name'];
const CONTAINER_LABELS = ['container', 'kube_container_name', 'container_name'];
const NODE_LABELS = ['node', 'kubernetes_node', 'nodename', 'host', 'kube_node'];
const DEPENDENCY_LABELS = ['target', 'dependency', 'upstream', 'downstream', 'peer_service'];
const VOLUME_LABELS = ['persistentvolumeclaim', 'volume'];
/** Scrape jobs and container names that name infrastructure, not the service at fault. */
const GENERIC_NAMES = new Set([
  'app',
  'main',
  'server',
  'web',
  'kubernetes-pods',
  'kubernetes-nodes',
  'kube-state-metrics',
  'node-exporter',
  'node',
  'cadvisor',
  'kubelet',
  'blackbox',
  'blackbox-exporter',
  'prometheus',
  'apiserver',
  'istio-proxy',
  'envoy',
]);
const NAME_PATTERN = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
/**
 * Values that name the monitoring stack, not the subject: kube-prometheus alerts on
 * kube-state-metrics series carry the exporter's own `service`, `container` and `pod` labels.
 */
const INFRASTRUCTURE =
  /kube-state-metrics|exporter|prometheus|kube-rbac-proxy|alertmanager|grafana|cadvisor|kubelet|blackbox|^https?-main$/;

export function isInfrastructureName(value: string): boolean {
  return INFRASTRUCTURE.test(value);
}

function firstLabel(labels: Record<string, string>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = labels[name]?.trim();
    if (value && !isInfrastructureName(value)) return value;
  }
  return undefined;
}

/** The alert's labels without those that describe the monitoring stack (for `fromLabel` parameters). */
export function subjectLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([, value]) => !isInfrastructureName(value)));
}

/**
 * A pod name without its controller suffixes: `checkout-6f7c9d8b4-h5j2k` → `checkout` (Deployment),
 * `postgres-0` → `postgres` (StatefulSet), `fluentd-x2k9p` → `fluentd` (DaemonSet).
 */
export function workloadOfPod(pod: string): string {
  const deployment = /^(.+)-[a-z0-9]{4,10}-[a-z0-9]{5}$/.exec(pod);
  if (deployment?.[1]) return deployment[1];
  const statefulSet = /^(.+)-\d+$/.exec(pod);
  if (statefulSet?.[1]) return statefulSet[1];
  const daemonSet = /^(.+)-[a-z0-9]{5}$/.exec(pod);
  if (daemonSet?.[1] && /\d/.test(pod.slice(-5))) return daemonSet[1];
  return pod;
}

/** `https://api.example.com:443/health` or `10.0.0.7:9100` → the host alone. */
export function hostOf(instance: string): string {
  const withoutScheme = instance.replace(/^[a-z]+:\/\//i, '');
  const host = withoutScheme.split('/')[0] ?? withoutScheme;
  return host.replace(/:\d+$/, '');
}

function isNodeAlert(words: readonly string[]): boolean {
  return words.some((word) => ['node', 'kubelet', 'filesystem', 'disk', 'notready'].includes(word));
}

/** Reads the suspected workload, namespace, node, dependency and volume from an alert's labels and text. */
export function deriveContext(trigger: InvestigationTrigger): IncidentContext {
  const alert = trigger.alert;
  const labels: Record<string, string> = { ...(alert?.labels ?? {}) };
  const alertName = alert?.name ?? labels['alertname'];
  const words = splitWords([alertName, alert?.summary, trigger.text].filter(Boolean).join(' '));
  const pod = firstLabel(labels, POD_LABELS);
  const container = firstLabel(labels, CONTAINER_LABELS);
  const job = labels['job'];
  const instance = labels['instance'];
  const nodeAlert = isNodeAlert(words);

  let workload = firstLabel(labels, SUBJECT_WORKLOAD_LABELS) ?? firstLabel(labels, WORKLOAD_LABELS);
  if (workload === undefined && pod !== undefined) workload = workloadOfPod(pod);
  if (workload === undefined && container !== undefined && !GENERIC_NAMES.has(container))
    workload = container;
  if (
    workload === undefined &&
    job !== undefined &&
    !GENERIC_NAMES.has(job) &&
    !/exporter|probe/.test(job) &&
    !isInfrastructureName(job)
  ) {
    workload = job;
  }
  const target = trigger.target.trim();
  if (workload === undefined && target !== '' && target !== alertName && NAME_PATTERN.test(target)) {
    workload = target;
  }

  let node = firstLabel(labels, NODE_LABELS);
  if (node === undefined && instance !== undefined && nodeAlert) node = hostOf(instance);

  let dependency = firstLabel(labels, DEPENDENCY_LABELS);
  if (dependency === undefined && instance !== undefined && !nodeAlert && /probe|blackbox/.test(job ?? '')) {
    dependency = hostOf(instance);
  }
  if (dependency !== undefined) dependency = hostOf(dependency);

  const namespace = firstLabel(labels, NAMESPACE_LABELS) ?? trigger.params?.['namespace'];
  const volume = firstLabel(labels, VOLUME_LABELS);
  const mountpoint = labels['mountpoint'];
  return {
    ...(alertName === undefined ? {} : { alertName }),
    ...(alert?.summary === undefined ? {} : { summary: alert.summary }),
    ...(trigger.text === undefined ? {} : { text: trigger.text }),
    labels,
    ...(workload === undefined ? {} : { workload }),
    ...(namespace === undefined ? {} : { namespace }),
    ...(pod === undefined ? {} : { pod }),
    ...(container === undefined ? {} : { container }),
    ...(node === undefined ? {} : { node }),
    ...(dependency === undefined ? {} : { dependency }),
    ...(volume === undefined ? {} : { volume }),
    ...(mountpoint === undefined ? {} : { mountpoint }),
    words: words.length > 0 ? words : splitWords(target),
  };
}
