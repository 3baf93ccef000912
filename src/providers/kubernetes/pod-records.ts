import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { ageSeconds, isoTime } from './time-fields.ts';

/**
 * One pod, flattened for CEL conditions. Strings are '' and numbers null when unknown.
 * `status` is what `kubectl get pods` shows in STATUS (CrashLoopBackOff, OOMKilled, Pending, Running…).
 */
export interface PodRecord {
  [key: string]: unknown;
  name: string;
  namespace: string;
  phase: string;
  status: string;
  ready: boolean;
  readyContainers: number;
  containers: number;
  restarts: number;
  waitingReason: string;
  waitingMessage: string;
  lastTerminationReason: string;
  lastExitCode: number | null;
  lastTerminatedAt: string;
  startedAt: string;
  node: string;
  image: string;
  ownerReplicaSet: string;
  createdAt: string;
  ageSeconds: number | null;
}

const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
const CONFIG_ERRORS = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

function worstContainer(statuses: V1ContainerStatus[]): V1ContainerStatus | undefined {
  return (
    statuses.find((status) => status.state?.waiting?.reason) ??
    statuses.find((status) => status.state?.terminated) ??
    [...statuses].sort((a, b) => b.restartCount - a.restartCount)[0]
  );
}

export function toPodRecord(pod: V1Pod, now: Date): PodRecord {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const main = pod.status?.containerStatuses ?? [];
  const worst = worstContainer(statuses);
  const waiting = worst?.state?.waiting;
  const terminated = worst?.lastState?.terminated ?? worst?.state?.terminated;
  const readyCondition = pod.status?.conditions?.find((condition) => condition.type === 'Ready');
  const ready = readyCondition
    ? readyCondition.status === 'True'
    : main.length > 0 && main.every((s) => s.ready);
  const phase = pod.status?.phase ?? 'Unknown';
  const unschedulable = pod.status?.conditions?.find(
    (c) => c.type === 'PodScheduled' && c.reason === 'Unschedulable',
  );
  const status =
    (pod.metadata?.deletionTimestamp ? 'Terminating' : '') ||
    waiting?.reason ||
    worst?.state?.terminated?.reason ||
    (unschedulable ? 'Unschedulable' : '') ||
    pod.status?.reason ||
    phase;
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    phase,
    status,
    ready,
    readyContainers: main.filter((s) => s.ready).length,
    containers: Math.max(pod.spec?.containers?.length ?? 0, main.length),
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    waitingReason: waiting?.reason ?? '',
    waitingMessage: waiting?.message?.slice(0, 300) ?? '',
    lastTerminationReason: terminated?.reason ?? '',
    lastExitCode: terminated?.exitCode ?? null,
    lastTerminatedAt: isoTime(terminated?.finishedAt),
    startedAt: isoTime(main[0]?.state?.running?.startedAt ?? pod.status?.startTime),
    node: pod.spec?.nodeName ?? '',
    image: pod.spec?.containers?.[0]?.image ?? main[0]?.image ?? '',
    ownerReplicaSet: pod.metadata?.ownerReferences?.find((owner) => owner.kind === 'ReplicaSet')?.name ?? '',
    createdAt: isoTime(pod.metadata?.creationTimestamp),
    ageSeconds: ageSeconds(pod.metadata?.creationTimestamp, now),
  };
}

/** Aggregates over a workload's pods (`fields` of a `pods` check). */
export function podAggregates(records: readonly PodRecord[]) {
  const count = (test: (record: PodRecord) => boolean) => records.filter(test).length;
  return {
    total: records.length,
    ready: count((r) => r.ready),
    not_ready: count((r) => !r.ready),
    running: count((r) => r.phase === 'Running'),
    pending: count((r) => r.phase === 'Pending'),
    failed: count((r) => r.phase === 'Failed'),
    unschedulable: count((r) => r.status === 'Unschedulable'),
    restarts_total: records.reduce((sum, r) => sum + r.restarts, 0),
    max_restarts: records.reduce((max, r) => Math.max(max, r.restarts), 0),
    crashloop: count((r) => r.waitingReason === 'CrashLoopBackOff'),
    oom_killed: count((r) => r.lastTerminationReason === 'OOMKilled' || r.status === 'OOMKilled'),
    image_pull_errors: count((r) => IMAGE_PULL.has(r.waitingReason)),
    config_errors: count((r) => CONFIG_ERRORS.has(r.waitingReason)),
    nodes: [...new Set(records.map((r) => r.node).filter(Boolean))],
    images: [...new Set(records.map((r) => r.image).filter(Boolean))],
    newest_pod_age_seconds: records.reduce<number | null>(
      (min, r) => (r.ageSeconds === null ? min : min === null ? r.ageSeconds : Math.min(min, r.ageSeconds)),
      null,
    ),
  };
}

export function summarizePods(label: string, records: readonly PodRecord[]): string {
  if (records.length === 0) return `${label}: no pods found`;
  const a = podAggregates(records);
  const problems = [
    a.crashloop ? `${a.crashloop} CrashLoopBackOff` : '',
    a.oom_killed ? `${a.oom_killed} OOMKilled` : '',
    a.image_pull_errors ? `${a.image_pull_errors} image pull errors` : '',
    a.config_errors ? `${a.config_errors} config errors` : '',
    a.pending ? `${a.pending} Pending` : '',
  ].filter(Boolean);
  const exits = [
    ...new Set(records.map((r) => r.lastExitCode).filter((code) => code !== null && code !== 0)),
  ];
  const exitText = exits.length > 0 ? ` (last exit ${exits.join(', ')})` : '';
  return (
    `${label}: ${a.ready}/${a.total} pods ready, ${a.restarts_total} restarts` +
    (problems.length > 0 ? ` — ${problems.join(', ')}${exitText}` : '')
  );
}
