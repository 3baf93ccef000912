import { RunbookError } from '../../errors/index.ts';
import type { KubernetesClient } from '../../providers/kubernetes/index.ts';
import type { ActionSpecDefinition } from '../../runbooks/schema.ts';
import { MERGE_PATCH } from './patch-request.ts';
import type { PlanParts } from './plan-parts.ts';
import { readTarget, resolveTarget } from './read-target.ts';

type ScaleSpec = Extract<ActionSpecDefinition, { type: 'scale' }>;

function replicasOf(spec: ScaleSpec): number {
  const value = typeof spec.replicas === 'number' ? spec.replicas : Number(spec.replicas.trim());
  if (
    !Number.isInteger(value) ||
    value < 0 ||
    (typeof spec.replicas === 'string' && spec.replicas.trim() === '')
  ) {
    throw new RunbookError(
      'parameter.invalid',
      `scale ${spec.target.name}: replicas must be a whole number ≥ 0, got ${JSON.stringify(spec.replicas)} (was a \${param} left unsubstituted?)`,
    );
  }
  return value;
}

/** Scale to N through the `scale` subresource, as `kubectl scale` does; the inverse scales back. */
export async function planScale(
  client: KubernetesClient,
  spec: ScaleSpec,
  signal: AbortSignal,
): Promise<PlanParts> {
  const target = await resolveTarget(spec.target, client, signal);
  const replicas = replicasOf(spec);
  if (target.kind === 'DaemonSet') {
    throw new RunbookError(
      'action.failed',
      `cannot scale ${target.label}: a DaemonSet runs one pod per node`,
    );
  }
  const workload = await readTarget(client, target, signal);
  const current = (workload.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  const resolvedTarget = { kind: target.kind, name: target.name, namespace: target.namespace };
  const change =
    current === replicas ? `stays at ${replicas} (no change)` : `goes from ${current} to ${replicas}`;
  return {
    target,
    spec: { ...spec, target: resolvedTarget, replicas },
    request: {
      kind: target.kind,
      namespace: target.namespace,
      name: target.name,
      subresource: 'scale',
      contentType: MERGE_PATCH,
      body: { spec: { replicas } },
    },
    description: `Scale ${target.label}: replicas ${change}.`,
    rollback: {
      description: `Scale ${target.label} back to ${current} replicas.`,
      action: { type: 'scale', target: resolvedTarget, replicas: current },
    },
  };
}
