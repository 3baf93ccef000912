import { RunbookError } from '../../errors/index.ts';
import type { KubernetesClient } from '../../providers/kubernetes/index.ts';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export const MERGE_PATCH = 'application/merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';
type PatchContentType = typeof MERGE_PATCH | typeof JSON_PATCH;

/** Exactly one write: the request an approval is bound to. */
export interface PatchRequest {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  subresource?: 'scale';
  contentType: PatchContentType;
  body: unknown;
}

const PLURAL: Record<WorkloadKind, string> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
};

export function patchPath(request: PatchRequest): string {
  const base = `/apis/apps/v1/namespaces/${request.namespace}/${PLURAL[request.kind]}/${request.name}`;
  return request.subresource ? `${base}/${request.subresource}` : base;
}

/** The request as an approver reads it: method and path, Content-Type, then the JSON body. */
export function renderDryRun(request: PatchRequest): string {
  return `PATCH ${patchPath(request)}\nContent-Type: ${request.contentType}\n\n${JSON.stringify(request.body, null, 2)}`;
}

/** The inverse of `renderDryRun`: execute sends what the approver saw, nothing else. */
export function parseDryRun(text: string): PatchRequest {
  const match =
    /^PATCH \/apis\/apps\/v1\/namespaces\/([^/\s]+)\/(deployments|statefulsets|daemonsets)\/([^/\s]+)(\/scale)?\nContent-Type: (application\/merge-patch\+json|application\/json-patch\+json)\n\n([\s\S]+)$/.exec(
      text,
    );
  const kind = (Object.keys(PLURAL) as WorkloadKind[]).find((candidate) => PLURAL[candidate] === match?.[2]);
  if (!match?.[1] || !match[3] || !match[6] || !kind) {
    throw new RunbookError(
      'action.refused',
      'the planned request is not a Kubernetes workload patch this action can send',
    );
  }
  return {
    kind,
    namespace: match[1],
    name: match[3],
    ...(match[4] ? { subresource: 'scale' as const } : {}),
    contentType: match[5] as PatchContentType,
    body: JSON.parse(match[6]),
  };
}

/** Sends the one PATCH through the typed client; returns the object the API answered with. */
export async function sendPatch(
  client: KubernetesClient,
  request: PatchRequest,
  signal: AbortSignal,
): Promise<unknown> {
  const options = client.requestOptions(signal, request.contentType);
  const params = { name: request.name, namespace: request.namespace, body: request.body as object };
  if (request.subresource === 'scale') {
    if (request.kind === 'Deployment') return client.apps.patchNamespacedDeploymentScale(params, options);
    if (request.kind === 'StatefulSet') return client.apps.patchNamespacedStatefulSetScale(params, options);
    throw new RunbookError('action.refused', 'a DaemonSet has no replica count to scale');
  }
  if (request.kind === 'Deployment') return client.apps.patchNamespacedDeployment(params, options);
  if (request.kind === 'StatefulSet') return client.apps.patchNamespacedStatefulSet(params, options);
  return client.apps.patchNamespacedDaemonSet(params, options);
}
