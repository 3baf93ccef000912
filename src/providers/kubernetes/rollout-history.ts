import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import { ageSeconds, isoTime } from './time-fields.ts';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** One revision of a Deployment (one of its ReplicaSets); results list the newest first. */
export interface RevisionRecord {
  [key: string]: unknown;
  revision: number;
  replicaSet: string;
  changeCause: string;
  image: string;
  images: string[];
  createdAt: string;
  ageSeconds: number | null;
  replicas: number;
  readyReplicas: number;
  /** True for the revision the Deployment runs now. */
  current: boolean;
}

export function revisionOf(object: {
  metadata?: { annotations?: Record<string, string> };
}): number | undefined {
  const text = object.metadata?.annotations?.[REVISION];
  const revision = text === undefined ? Number.NaN : Number(text);
  return Number.isInteger(revision) ? revision : undefined;
}

/** The Deployment's ReplicaSets: controlled by it (uid), or at least owned by its name. */
export function ownedReplicaSets(
  deployment: V1Deployment,
  replicaSets: readonly V1ReplicaSet[],
): V1ReplicaSet[] {
  const uid = deployment.metadata?.uid;
  const name = deployment.metadata?.name;
  return replicaSets.filter((rs) =>
    (rs.metadata?.ownerReferences ?? []).some(
      (owner) =>
        owner.kind === 'Deployment' &&
        (uid !== undefined && owner.uid !== undefined ? owner.uid === uid : owner.name === name),
    ),
  );
}

export function toRevisionRecords(
  deployment: V1Deployment,
  replicaSets: readonly V1ReplicaSet[],
  now: Date,
): RevisionRecord[] {
  const current = revisionOf(deployment);
  return ownedReplicaSets(deployment, replicaSets)
    .map((rs) => ({ rs, revision: revisionOf(rs) }))
    .filter((entry): entry is { rs: V1ReplicaSet; revision: number } => entry.revision !== undefined)
    .sort((a, b) => b.revision - a.revision)
    .map(({ rs, revision }) => {
      const images = (rs.spec?.template?.spec?.containers ?? []).map((container) => container.image ?? '');
      return {
        revision,
        replicaSet: rs.metadata?.name ?? '',
        changeCause: rs.metadata?.annotations?.[CHANGE_CAUSE] ?? '',
        image: images[0] ?? '',
        images,
        createdAt: isoTime(rs.metadata?.creationTimestamp),
        ageSeconds: ageSeconds(rs.metadata?.creationTimestamp, now),
        replicas: rs.status?.replicas ?? rs.spec?.replicas ?? 0,
        readyReplicas: rs.status?.readyReplicas ?? 0,
        current: revision === current,
      };
    });
}

export function historyAggregates(records: readonly RevisionRecord[]) {
  const current = records.find((r) => r.current) ?? records[0];
  const previous = records.find((r) => current !== undefined && r.revision < current.revision);
  return {
    revisions: records.length,
    current_revision: current?.revision ?? null,
    current_image: current?.image ?? '',
    current_change_cause: current?.changeCause ?? '',
    previous_revision: previous?.revision ?? null,
    previous_image: previous?.image ?? '',
    newest_revision_age_seconds: current?.ageSeconds ?? null,
    image_changed: previous !== undefined && current !== undefined && previous.image !== current.image,
  };
}

function humanAge(seconds: number | null): string {
  if (seconds === null) return 'at an unknown time';
  if (seconds < 120) return `${seconds}s ago`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h ago`;
  return `${Math.round(seconds / 86_400)}d ago`;
}

export function summarizeHistory(label: string, records: readonly RevisionRecord[]): string {
  const a = historyAggregates(records);
  if (a.current_revision === null) return `${label}: no rollout history`;
  const cause = a.current_change_cause ? ` "${a.current_change_cause}"` : '';
  const previous =
    a.previous_revision === null ? '' : `; previous revision ${a.previous_revision} (${a.previous_image})`;
  return `${label}: revision ${a.current_revision}${cause} (${a.current_image}) rolled out ${humanAge(a.newest_revision_age_seconds)}${previous}`;
}
