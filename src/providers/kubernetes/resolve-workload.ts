import type {
  V1DaemonSet,
  V1Deployment,
  V1LabelSelector,
  V1Pod,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { isNotFound } from './describe-error.ts';
import type { KubernetesClient } from './kubernetes-client.ts';

export interface WorkloadQuery {
  namespace?: string | undefined;
  workload?: string | undefined;
  labelSelector?: string | undefined;
}

export type Workload = V1Deployment | V1StatefulSet | V1DaemonSet;

/** `matchLabels` and `matchExpressions` as a label selector string. */
export function selectorString(selector: V1LabelSelector | undefined): string | undefined {
  if (!selector) return undefined;
  const terms = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const expression of selector.matchExpressions ?? []) {
    const values = (expression.values ?? []).join(',');
    if (expression.operator === 'In') terms.push(`${expression.key} in (${values})`);
    else if (expression.operator === 'NotIn') terms.push(`${expression.key} notin (${values})`);
    else if (expression.operator === 'Exists') terms.push(expression.key);
    else if (expression.operator === 'DoesNotExist') terms.push(`!${expression.key}`);
  }
  return terms.length > 0 ? terms.join(',') : undefined;
}

async function orUndefined<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The Deployment (else StatefulSet, else DaemonSet) of that name, or undefined. */
export async function readWorkload(
  client: KubernetesClient,
  namespace: string,
  name: string,
  signal: AbortSignal,
): Promise<Workload | undefined> {
  const options = client.requestOptions(signal);
  return (
    (await orUndefined(client.apps.readNamespacedDeployment({ name, namespace }, options))) ??
    (await orUndefined(client.apps.readNamespacedStatefulSet({ name, namespace }, options))) ??
    (await orUndefined(client.apps.readNamespacedDaemonSet({ name, namespace }, options)))
  );
}

/**
 * The namespace to look in. A manual run often knows the workload but not its namespace (an alert
 * usually says both): then the workload's own namespace, when exactly one namespace has a
 * Deployment, StatefulSet or DaemonSet of that name; otherwise the context's default.
 */
export async function namespaceFor(
  client: KubernetesClient,
  namespace: string | undefined,
  workload: string | undefined,
  signal: AbortSignal,
): Promise<string> {
  if (namespace) return namespace;
  if (!workload) return client.defaultNamespace;
  const options = client.requestOptions(signal);
  const query = { fieldSelector: `metadata.name=${workload}` };
  const lists = await Promise.all([
    client.apps.listDeploymentForAllNamespaces(query, options),
    client.apps.listStatefulSetForAllNamespaces(query, options),
    client.apps.listDaemonSetForAllNamespaces(query, options),
  ]);
  // Filtered here too: not every API server honours field selectors on these lists.
  const namespaces = new Set(
    lists.flatMap((list) =>
      list.items
        .filter((item) => item.metadata?.name === workload)
        .map((item) => item.metadata?.namespace ?? ''),
    ),
  );
  const [only] = [...namespaces];
  return namespaces.size === 1 && only ? only : client.defaultNamespace;
}

export interface ResolvedPods {
  namespace: string;
  pods: V1Pod[];
  /** How the pods were chosen, for the evidence line. */
  how: string;
}

/**
 * A workload's pods: by `labelSelector` when given; else by the workload's own selector; else the
 * pods whose name starts with `<workload>-`; with neither, every pod of the namespace.
 */
export async function resolvePods(
  client: KubernetesClient,
  query: WorkloadQuery,
  signal: AbortSignal,
): Promise<ResolvedPods> {
  const namespace = await namespaceFor(client, query.namespace, query.workload, signal);
  const options = client.requestOptions(signal);
  const list = async (labelSelector?: string) =>
    (await client.core.listNamespacedPod({ namespace, ...(labelSelector ? { labelSelector } : {}) }, options))
      .items;
  if (query.labelSelector) {
    return { namespace, pods: await list(query.labelSelector), how: `labelSelector ${query.labelSelector}` };
  }
  if (query.workload) {
    const workload = await readWorkload(client, namespace, query.workload, signal);
    const selector = selectorString(workload?.spec?.selector);
    if (workload && selector) {
      return {
        namespace,
        pods: await list(selector),
        how: `${workload.kind ?? 'workload'} selector ${selector}`,
      };
    }
    const prefix = `${query.workload}-`;
    const pods = (await list()).filter((pod) => pod.metadata?.name?.startsWith(prefix));
    return { namespace, pods, how: `pod names starting with ${prefix}` };
  }
  return { namespace, pods: await list(), how: 'all pods in the namespace' };
}
