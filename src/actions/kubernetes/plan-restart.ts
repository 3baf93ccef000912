import type { KubernetesClient } from '../../providers/kubernetes/index.ts';
import type { ActionSpecDefinition } from '../../runbooks/schema.ts';
import { MERGE_PATCH, type PatchRequest } from './patch-request.ts';
import type { PlanParts } from './plan-parts.ts';
import { readTarget, resolveTarget } from './read-target.ts';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

/** `kubectl rollout restart`: a merge patch of the pod template's restartedAt annotation. */
export async function planRestart(
  client: KubernetesClient,
  spec: Extract<ActionSpecDefinition, { type: 'restart' }>,
  now: Date,
  signal: AbortSignal,
): Promise<PlanParts> {
  const target = await resolveTarget(spec.target, client, signal);
  const workload = await readTarget(client, target, signal);
  const restartedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const request: PatchRequest = {
    kind: target.kind,
    namespace: target.namespace,
    name: target.name,
    contentType: MERGE_PATCH,
    body: { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: restartedAt } } } } },
  };
  const replicas = (workload.spec as { replicas?: number } | undefined)?.replicas;
  const count = replicas === undefined ? 'its pods' : `its ${replicas} pod${replicas === 1 ? '' : 's'}`;
  return {
    target,
    spec: { ...spec, target: { kind: target.kind, name: target.name, namespace: target.namespace } },
    request,
    description: `Rolling restart of ${target.label}: ${count} are replaced one by one with the same spec.`,
    rollback: {
      description:
        'A restart cannot be undone: the replaced pods are gone. The spec is unchanged, so nothing needs reverting; if the new pods misbehave, roll back to the previous revision.',
    },
  };
}
