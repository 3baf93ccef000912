import { runDiagnostics } from '../engine/index.ts';
import type { CompiledExpression } from '../expressions/index.ts';
import type { ProviderRegistry } from '../providers/types.ts';
import type { DiagnosticDefinition } from '../runbooks/index.ts';
import type { IncidentContext } from './derive-context.ts';
import {
  serviceNameToResolve,
  servicePodsQuery,
  withWorkloadBehindService,
} from './resolve-service-workload.ts';
import type { InvestigationContext } from './types.ts';

/** Names safe to place inside a PromQL label matcher and a Kubernetes API path. */
const SAFE_NAME = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

function noExpressions(source: string): CompiledExpression {
  throw new Error(`discovery steps have no health conditions (asked for "${source}")`);
}

/** Pod and workload metrics that carry the namespace, queried for the workload's pods. */
function namespaceQuery(workload: string): string {
  const pods = `pod=~"${workload}-[a-z0-9]+(-[a-z0-9]+)?", namespace!=""`;
  return [
    `count by (namespace) ({__name__=~"kube_pod_info|kube_pod_status_phase|kube_pod_status_ready|kube_pod_container_status_restarts_total|container_memory_working_set_bytes", ${pods}})`,
    `count by (namespace) ({__name__=~"kube_deployment_.+|kube_statefulset_.+", deployment="${workload}", namespace!=""})`,
    `count by (namespace) (http_requests_total{service="${workload}", namespace!=""})`,
  ].join(' or ');
}

const ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/** node_exporter's `nodename` and kube-state-metrics' node name for an address. */
function nodeNameQuery(address: string): string {
  const escaped = address.replaceAll('.', '\\\\.');
  return `max by (nodename) (node_uname_info{instance=~"${escaped}(:[0-9]+)?"}) or max by (node) (kube_node_info{internal_ip="${address}"})`;
}

/** Each Kubernetes node's addresses (InternalIP, Hostname…) mapped to its name. */
function namesByAddress(items: ReadonlyArray<Record<string, unknown>>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const item of items) {
    const name = item['name'];
    const addresses = item['addresses'];
    if (typeof name !== 'string' || !SAFE_NAME.test(name) || !Array.isArray(addresses)) continue;
    for (const address of addresses)
      if (typeof address === 'string' && address !== name) names[address] ??= name;
  }
  return names;
}

/**
 * Node names for addresses. node_exporter's `instance` names a node by address while the alert or
 * kube-state-metrics name it, so both the alert's node and any address the evidence names later
 * resolve to the Kubernetes name: from the node list, else from `node_uname_info`/`kube_node_info`.
 */
async function resolveNodeNames(
  incident: IncidentContext,
  providers: ProviderRegistry,
  context: InvestigationContext,
  signal: AbortSignal,
): Promise<IncidentContext> {
  const node = incident.node;
  const byAddress = node !== undefined && ADDRESS.test(node);
  const steps: DiagnosticDefinition[] = [
    { id: 'discover_nodes', type: 'kubernetes', resource: 'nodes', timeout: '5s' },
  ];
  if (byAddress)
    steps.push({
      id: 'discover_node_name',
      type: 'prometheus_query',
      query: nodeNameQuery(node),
      timeout: '5s',
    });
  const outcomes = await runDiagnostics(steps, {
    providers,
    expression: noExpressions,
    params: {},
    runId: context.runId,
    now: context.now,
    signal,
  });
  const listed = outcomes[0]?.result;
  const names = {
    ...incident.nodeNames,
    ...(listed?.status === 'ok' ? namesByAddress(listed.items) : {}),
  };
  if (byAddress && names[node] === undefined) {
    const labels = outcomes[1]?.result.series[0]?.labels;
    const name = labels?.['nodename'] ?? labels?.['node'];
    if (name !== undefined && SAFE_NAME.test(name)) names[node] = name;
  }
  const resolved = node === undefined ? undefined : names[node];
  return {
    ...incident,
    ...(resolved === undefined ? {} : { node: resolved }),
    ...(Object.keys(names).length === 0 ? {} : { nodeNames: names }),
  };
}

/** The workload behind an alert that names only a Service, read from the pods its metrics come from. */
async function resolveServiceWorkload(
  incident: IncidentContext,
  providers: ProviderRegistry,
  context: InvestigationContext,
  signal: AbortSignal,
): Promise<IncidentContext> {
  const name = serviceNameToResolve(incident);
  if (name === undefined) return incident;
  const [outcome] = await runDiagnostics(
    [{ id: 'discover_service_pods', type: 'prometheus_query', query: servicePodsQuery(name), timeout: '5s' }],
    {
      providers,
      expression: noExpressions,
      params: {},
      runId: context.runId,
      now: context.now,
      signal,
    },
  );
  return outcome ? withWorkloadBehindService(incident, name, outcome.result.series) : incident;
}

/**
 * Fills in what the alert left out before any hypothesis: node names for addresses, the workload
 * behind a Service the alert names, and the namespace of the workload, read from
 * the metrics that carry it, else the Kubernetes default namespace when the workload is found there.
 * Returns the context unchanged when nothing can be learned.
 */
export async function gatherContext(
  derived: IncidentContext,
  providers: ProviderRegistry,
  context: InvestigationContext,
  signal: AbortSignal,
): Promise<IncidentContext> {
  const incident = await resolveServiceWorkload(
    await resolveNodeNames(derived, providers, context, signal),
    providers,
    context,
    signal,
  );
  const workload = incident.workload;
  if (incident.namespace !== undefined || workload === undefined || !SAFE_NAME.test(workload))
    return incident;
  const steps: DiagnosticDefinition[] = [
    { id: 'discover_namespace', type: 'prometheus_query', query: namespaceQuery(workload), timeout: '5s' },
    { id: 'discover_default_namespace', type: 'kubernetes', resource: 'deployment', workload, timeout: '5s' },
  ];
  const outcomes = await runDiagnostics(steps, {
    providers,
    expression: noExpressions,
    params: {},
    runId: context.runId,
    now: context.now,
    signal,
  });
  const fromMetrics = outcomes[0]?.result.series
    .slice()
    .sort((a, b) => b.value - a.value)
    .map((point) => point.labels['namespace'])
    .find((namespace): namespace is string => namespace !== undefined && SAFE_NAME.test(namespace));
  if (fromMetrics) return { ...incident, namespace: fromMetrics };
  const found = outcomes[1]?.result;
  const namespace = found?.status === 'ok' ? found.items[0]?.['namespace'] : undefined;
  return typeof namespace === 'string' && SAFE_NAME.test(namespace) ? { ...incident, namespace } : incident;
}
