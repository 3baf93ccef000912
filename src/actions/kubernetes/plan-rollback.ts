import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import { RunbookError } from '../../errors/index.ts';
import {
  describeKubernetesError,
  type KubernetesClient,
  ownedReplicaSets,
  revisionOf,
  selectorString,
} from '../../providers/kubernetes/index.ts';
import type { ActionSpecDefinition } from '../../runbooks/schema.ts';
import { JSON_PATCH } from './patch-request.ts';
import type { PlanParts } from './plan-parts.ts';
import { readTarget, resolveTarget } from './read-target.ts';

type RollbackSpec = Extract<ActionSpecDefinition, { type: 'rollback' }>;

/** Annotations `kubectl rollout undo` keeps from the Deployment instead of copying from the ReplicaSet. */
const KEEP_FROM_DEPLOYMENT = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
];

function requestedRevision(spec: RollbackSpec): number | undefined {
  if (spec.revision === undefined) return undefined;
  const value = typeof spec.revision === 'number' ? spec.revision : Number(spec.revision.trim());
  if (!Number.isInteger(value) || value <= 0) {
    throw new RunbookError(
      'parameter.invalid',
      `rollback ${spec.target.name}: revision must be a positive whole number, got ${JSON.stringify(spec.revision)}`,
    );
  }
  return value;
}

/** The ReplicaSet's pod template in wire form, without the controller's pod-template-hash label. */
function templateOf(replicaSet: V1ReplicaSet): Record<string, unknown> {
  const template = JSON.parse(JSON.stringify(replicaSet.spec?.template ?? {})) as {
    metadata?: { labels?: Record<string, string>; creationTimestamp?: unknown };
  };
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  if (template.metadata) delete template.metadata.creationTimestamp;
  return template;
}

function annotationsFor(deployment: V1Deployment, replicaSet: V1ReplicaSet): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const key of KEEP_FROM_DEPLOYMENT) {
    const value = deployment.metadata?.annotations?.[key];
    if (value !== undefined) annotations[key] = value;
  }
  for (const [key, value] of Object.entries(replicaSet.metadata?.annotations ?? {})) {
    if (!KEEP_FROM_DEPLOYMENT.includes(key)) annotations[key] = value;
  }
  return annotations;
}

/**
 * `kubectl rollout undo [--to-revision=N]`: a JSON patch that puts the chosen ReplicaSet's pod
 * template (and its change-cause) back into the Deployment. The inverse rolls back to today's revision.
 */
export async function planRollback(
  client: KubernetesClient,
  spec: RollbackSpec,
  signal: AbortSignal,
): Promise<PlanParts> {
  const target = await resolveTarget(spec.target, client, signal);
  if (target.kind !== 'Deployment') {
    throw new RunbookError(
      'action.failed',
      `cannot roll back ${target.label}: only Deployments keep ReplicaSet revisions (use kubectl rollout undo for ${target.kind}s)`,
    );
  }
  const wanted = requestedRevision(spec);
  const deployment = (await readTarget(client, target, signal)) as V1Deployment;
  const labelSelector = selectorString(deployment.spec?.selector);
  let replicaSets: V1ReplicaSet[];
  try {
    const list = await client.apps.listNamespacedReplicaSet(
      { namespace: target.namespace, ...(labelSelector ? { labelSelector } : {}) },
      client.requestOptions(signal),
    );
    replicaSets = ownedReplicaSets(deployment, list.items);
  } catch (error) {
    throw new RunbookError(
      'action.failed',
      `cannot list ReplicaSets of ${target.label}: ${describeKubernetesError(error)}`,
      { cause: error },
    );
  }
  const current = revisionOf(deployment);
  const revisions = replicaSets
    .map((rs) => ({ rs, revision: revisionOf(rs) }))
    .filter((entry): entry is { rs: V1ReplicaSet; revision: number } => entry.revision !== undefined)
    .sort((a, b) => b.revision - a.revision);
  const available = revisions.map((entry) => entry.revision).join(', ') || 'none';
  const chosen =
    wanted === undefined
      ? revisions.find((entry) => current === undefined || entry.revision < current)
      : revisions.find((entry) => entry.revision === wanted);
  if (!chosen) {
    const what = wanted === undefined ? 'no previous revision' : `no revision ${wanted}`;
    throw new RunbookError(
      'action.failed',
      `cannot roll back ${target.label}: ${what} (revisions: ${available})`,
    );
  }
  if (chosen.revision === current) {
    throw new RunbookError(
      'action.failed',
      `cannot roll back ${target.label}: revision ${current} is already the current one`,
    );
  }
  const template = templateOf(chosen.rs);
  const image = (chosen.rs.spec?.template?.spec?.containers ?? []).map((c) => c.image).join(', ');
  const currentImage = (deployment.spec?.template?.spec?.containers ?? []).map((c) => c.image).join(', ');
  const resolvedTarget = { kind: target.kind, name: target.name, namespace: target.namespace };
  return {
    target,
    spec: { ...spec, target: resolvedTarget, revision: chosen.revision },
    request: {
      kind: 'Deployment',
      namespace: target.namespace,
      name: target.name,
      contentType: JSON_PATCH,
      body: [
        { op: 'replace', path: '/spec/template', value: template },
        { op: 'replace', path: '/metadata/annotations', value: annotationsFor(deployment, chosen.rs) },
      ],
    },
    description: `Roll back ${target.label} from revision ${current ?? '?'} (${currentImage}) to revision ${chosen.revision} (${image}).`,
    rollback: {
      description: `Roll ${target.label} forward again to revision ${current ?? '?'} (${currentImage}).`,
      ...(current === undefined
        ? {}
        : { action: { type: 'rollback', target: resolvedTarget, revision: current } }),
    },
  };
}
