import type { V1DaemonSet, V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import { revisionOf } from './rollout-history.ts';
import { ageSeconds } from './time-fields.ts';

type Workload = V1Deployment | V1StatefulSet | V1DaemonSet;

/** A workload's rollout state; `unavailable` = desired − available (never negative). */
export interface WorkloadRecord {
  [key: string]: unknown;
  kind: string;
  name: string;
  namespace: string;
  desired: number;
  ready: number;
  available: number;
  updated: number;
  unavailable: number;
  revision: number | null;
  image: string;
  images: string[];
  changeCause: string;
  generation: number | null;
  observedGeneration: number | null;
  paused: boolean;
  /** True when every replica runs the current template and is available. */
  rolloutComplete: boolean;
  /** The Progressing condition's reason (`NewReplicaSetAvailable`, `ProgressDeadlineExceeded`…). */
  progressingReason: string;
  ageSeconds: number | null;
}

export function toWorkloadRecord(workload: Workload, now: Date): WorkloadRecord {
  const isDaemonSet = workload.kind === 'DaemonSet';
  // The three status shapes differ only in field names; read them as one bag of counters.
  const status = (workload.status ?? {}) as unknown as Record<string, number | undefined> & {
    conditions?: Array<{ type: string; reason?: string }>;
  };
  const spec = (workload.spec ?? {}) as { replicas?: number; paused?: boolean };
  const desired = isDaemonSet ? (status['desiredNumberScheduled'] ?? 0) : (spec.replicas ?? 1);
  const ready = (isDaemonSet ? status['numberReady'] : status['readyReplicas']) ?? 0;
  const available =
    (isDaemonSet ? status['numberAvailable'] : status['availableReplicas']) ??
    (workload.kind === 'StatefulSet' ? ready : 0);
  const updated = (isDaemonSet ? status['updatedNumberScheduled'] : status['updatedReplicas']) ?? 0;
  const images = (workload.spec?.template?.spec?.containers ?? []).map((container) => container.image ?? '');
  const generation = workload.metadata?.generation ?? null;
  const observedGeneration = status['observedGeneration'] ?? null;
  return {
    kind: workload.kind ?? 'Deployment',
    name: workload.metadata?.name ?? '',
    namespace: workload.metadata?.namespace ?? '',
    desired,
    ready,
    available,
    updated,
    unavailable: Math.max(0, desired - available),
    revision: revisionOf(workload) ?? null,
    image: images[0] ?? '',
    images,
    changeCause: workload.metadata?.annotations?.['kubernetes.io/change-cause'] ?? '',
    generation,
    observedGeneration,
    paused: spec.paused === true,
    rolloutComplete:
      updated >= desired &&
      available >= desired &&
      (generation === null || (observedGeneration ?? 0) >= generation),
    progressingReason: status.conditions?.find((condition) => condition.type === 'Progressing')?.reason ?? '',
    ageSeconds: ageSeconds(workload.metadata?.creationTimestamp, now),
  };
}

export function summarizeWorkload(record: WorkloadRecord): string {
  const rollout = record.rolloutComplete
    ? 'rollout complete'
    : `rollout in progress (${record.updated}/${record.desired} updated)`;
  const revision = record.revision === null ? '' : `, revision ${record.revision}`;
  return `${record.kind.toLowerCase()}/${record.name}: ${record.available}/${record.desired} available, ${record.ready} ready${revision} (${record.image}), ${rollout}`;
}
