import { RunbookError } from '../../errors/index.ts';
import {
  describeKubernetesError,
  isNotFound,
  type KubernetesClient,
  namespaceFor,
} from '../../providers/kubernetes/index.ts';
import type { ActionSpecDefinition } from '../../runbooks/schema.ts';
import type { WorkloadKind } from './patch-request.ts';

export type WorkloadTarget = Extract<ActionSpecDefinition, { type: 'restart' }>['target'];

export interface ResolvedTarget {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** `deployment/production/checkout` */
  label: string;
}

export async function resolveTarget(
  target: WorkloadTarget,
  client: KubernetesClient,
  signal: AbortSignal,
): Promise<ResolvedTarget> {
  const kind = target.kind ?? 'Deployment';
  const namespace = await namespaceFor(client, target.namespace, target.name, signal);
  return { kind, namespace, name: target.name, label: `${kind.toLowerCase()}/${namespace}/${target.name}` };
}

/** The workload as it is now (read-only). Throws RunbookError `action.failed` naming the target. */
export async function readTarget(client: KubernetesClient, target: ResolvedTarget, signal: AbortSignal) {
  const params = { name: target.name, namespace: target.namespace };
  const options = client.requestOptions(signal);
  try {
    if (target.kind === 'Deployment') return await client.apps.readNamespacedDeployment(params, options);
    if (target.kind === 'StatefulSet') return await client.apps.readNamespacedStatefulSet(params, options);
    return await client.apps.readNamespacedDaemonSet(params, options);
  } catch (error) {
    const reason = isNotFound(error) ? 'not found' : describeKubernetesError(error);
    throw new RunbookError('action.failed', `cannot plan on ${target.label} (${client.label}): ${reason}`, {
      cause: error,
    });
  }
}
