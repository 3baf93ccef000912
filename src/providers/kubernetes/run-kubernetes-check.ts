import type { CoreV1Event } from '@kubernetes/client-node';
import type { DiagnosticDefinition } from '../../runbooks/schema.ts';
import { parseDurationMs } from '../../runbooks/schema.ts';
import type { CheckResult } from '../types.ts';
import { summarizeWorkload, toWorkloadRecord } from './deployment-record.ts';
import { eventAggregates, summarizeEvents, toEventRecord } from './event-records.ts';
import type { KubernetesClient } from './kubernetes-client.ts';
import { nodeAggregates, summarizeNodes, toNodeRecord } from './node-records.ts';
import { podAggregates, summarizePods, toPodRecord } from './pod-records.ts';
import { readPodLogs } from './read-pod-logs.ts';
import { namespaceFor, readWorkload, resolvePods } from './resolve-workload.ts';
import { historyAggregates, summarizeHistory, toRevisionRecords } from './rollout-history.ts';

export type KubernetesStep = Extract<DiagnosticDefinition, { type: 'kubernetes' }>;
export type CheckBody = Pick<CheckResult, 'value' | 'items' | 'fields' | 'summary'>;

export const MAX_ITEMS = 100;
export const MAX_LOG_LINES = 200;
const DEFAULT_TAIL_LINES = 100;
const MAX_LOG_PODS = 20;

/** Thrown inside a check for a problem the step itself has (missing workload, object not found). */
export class CheckProblem extends Error {}

function label(namespace: string, step: KubernetesStep): string {
  return step.workload
    ? `${namespace}/${step.workload}`
    : step.labelSelector
      ? `${namespace} {${step.labelSelector}}`
      : namespace;
}

async function checkPods(
  client: KubernetesClient,
  step: KubernetesStep,
  now: Date,
  signal: AbortSignal,
): Promise<CheckBody> {
  const { namespace, pods } = await resolvePods(client, step, signal);
  const records = pods
    .map((pod) => toPodRecord(pod, now))
    .sort(
      (a, b) => Number(a.ready) - Number(b.ready) || b.restarts - a.restarts || a.name.localeCompare(b.name),
    );
  const fields = podAggregates(records);
  return {
    value: fields.not_ready,
    items: records.slice(0, MAX_ITEMS),
    fields: { ...fields, truncated: records.length > MAX_ITEMS },
    summary: summarizePods(label(namespace, step), records),
  };
}

async function checkEvents(
  client: KubernetesClient,
  step: KubernetesStep,
  now: Date,
  signal: AbortSignal,
): Promise<CheckBody> {
  const namespace = await namespaceFor(client, step.namespace, step.workload, signal);
  const list = await client.core.listNamespacedEvent({ namespace }, client.requestOptions(signal));
  let events: CoreV1Event[] = list.items;
  if (step.workload) {
    const prefix = `${step.workload}-`;
    events = events.filter((event) => {
      const name = event.involvedObject?.name ?? '';
      return name === step.workload || name.startsWith(prefix);
    });
  }
  let records = events.map((event) => toEventRecord(event, now));
  const windowMs = step.since ? parseDurationMs(step.since) : undefined;
  if (windowMs !== undefined)
    records = records.filter((r) => r.ageSeconds === null || r.ageSeconds * 1000 <= windowMs);
  records.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
  const fields = eventAggregates(records);
  return {
    value: fields.warnings,
    items: records.slice(0, MAX_ITEMS),
    fields: { ...fields, truncated: records.length > MAX_ITEMS },
    summary: summarizeEvents(label(namespace, step), records),
  };
}

async function checkLogs(
  client: KubernetesClient,
  step: KubernetesStep,
  signal: AbortSignal,
): Promise<CheckBody> {
  const { namespace, pods } = await resolvePods(client, step, signal);
  const sinceMs = step.since ? parseDurationMs(step.since) : undefined;
  const logs = await readPodLogs(
    client,
    pods,
    {
      container: step.container,
      tailLines: Math.min(step.tailLines ?? DEFAULT_TAIL_LINES, MAX_LOG_LINES * 5),
      sinceSeconds: sinceMs === undefined ? undefined : Math.max(1, Math.ceil(sinceMs / 1000)),
      previous: step.previous,
      maxPods: MAX_LOG_PODS,
    },
    signal,
  );
  if (
    pods.length > 0 &&
    logs.errors.length > 0 &&
    logs.lines.length === 0 &&
    logs.errors.length >= logs.podsRead
  ) {
    const noPrevious = step.previous === true && logs.errors.every((error) => error.code === 400);
    if (!noPrevious)
      throw new CheckProblem(`cannot read logs: ${logs.errors[0]?.pod}: ${logs.errors[0]?.message}`);
  }
  const lines = logs.lines.slice(-MAX_LOG_LINES);
  const what = `${label(namespace, step)} ${step.previous ? 'previous ' : ''}logs`;
  const errorLines = lines.filter((line) => line.level === 'error');
  const summary =
    pods.length === 0
      ? `${what}: no pods found`
      : `${what}: ${lines.length} lines from ${logs.podsRead} pods, ${errorLines.length} errors` +
        (errorLines.length > 0 ? ` — last: ${errorLines[errorLines.length - 1]?.line.slice(0, 160)}` : '');
  return {
    value: lines.length,
    items: lines,
    fields: {
      lines: lines.length,
      error_lines: errorLines.length,
      warn_lines: lines.filter((line) => line.level === 'warn').length,
      pods: logs.podsRead,
      pods_skipped: logs.podsSkipped,
      pod_errors: logs.errors.length,
      truncated: logs.lines.length > lines.length || logs.podsSkipped > 0,
    },
    summary,
  };
}

async function checkHistory(
  client: KubernetesClient,
  step: KubernetesStep,
  now: Date,
  signal: AbortSignal,
): Promise<CheckBody> {
  const namespace = await namespaceFor(client, step.namespace, step.workload, signal);
  if (!step.workload) throw new CheckProblem('rollout_history needs `workload` (the Deployment name)');
  const options = client.requestOptions(signal);
  const deployment = await client.apps.readNamespacedDeployment({ name: step.workload, namespace }, options);
  const selector = deployment.spec?.selector?.matchLabels;
  const labelSelector = selector
    ? Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : undefined;
  const replicaSets = await client.apps.listNamespacedReplicaSet(
    { namespace, ...(labelSelector ? { labelSelector } : {}) },
    options,
  );
  const records = toRevisionRecords(deployment, replicaSets.items, now);
  return {
    value: records.length,
    items: records.slice(0, MAX_ITEMS),
    fields: historyAggregates(records),
    summary: summarizeHistory(`deployment ${namespace}/${step.workload}`, records),
  };
}

async function checkNodes(
  client: KubernetesClient,
  step: KubernetesStep,
  now: Date,
  signal: AbortSignal,
): Promise<CheckBody> {
  const nodes = (await client.core.listNode({}, client.requestOptions(signal))).items;
  let scope = 'cluster';
  let chosen = nodes;
  if (step.workload || step.labelSelector) {
    const { namespace, pods } = await resolvePods(client, step, signal);
    const names = new Set(pods.map((pod) => pod.spec?.nodeName).filter(Boolean));
    chosen = nodes.filter((node) => names.has(node.metadata?.name));
    scope = `nodes of ${label(namespace, step)}`;
  }
  const records = chosen
    .map((node) => toNodeRecord(node, now))
    .sort((a, b) => Number(a.ready) - Number(b.ready) || a.name.localeCompare(b.name));
  const fields = nodeAggregates(records);
  return {
    value: fields.not_ready,
    items: records.slice(0, MAX_ITEMS),
    fields: { ...fields, cluster_nodes: nodes.length },
    summary: summarizeNodes(scope, records),
  };
}

async function checkDeployment(
  client: KubernetesClient,
  step: KubernetesStep,
  now: Date,
  signal: AbortSignal,
): Promise<CheckBody> {
  const namespace = await namespaceFor(client, step.namespace, step.workload, signal);
  if (!step.workload) throw new CheckProblem('deployment needs `workload` (the Deployment name)');
  const workload = await readWorkload(client, namespace, step.workload, signal);
  if (!workload)
    throw new CheckProblem(`no Deployment, StatefulSet or DaemonSet ${namespace}/${step.workload}`);
  const record = toWorkloadRecord(workload, now);
  const fields = {
    kind: record.kind,
    desired: record.desired,
    ready: record.ready,
    available: record.available,
    updated: record.updated,
    unavailable: record.unavailable,
    revision: record.revision,
    image: record.image,
    change_cause: record.changeCause,
    paused: record.paused,
    rollout_complete: record.rolloutComplete,
    progressing_reason: record.progressingReason,
    generation: record.generation,
    observed_generation: record.observedGeneration,
    age_seconds: record.ageSeconds,
  };
  return { value: record.unavailable, items: [record], fields, summary: summarizeWorkload(record) };
}

/** Runs one `kubernetes` diagnostic; throws on API failures (the provider turns them into results). */
export function runKubernetesCheck(
  client: KubernetesClient,
  step: KubernetesStep,
  now: Date,
  signal: AbortSignal,
): Promise<CheckBody> {
  switch (step.resource) {
    case 'pods':
      return checkPods(client, step, now, signal);
    case 'events':
      return checkEvents(client, step, now, signal);
    case 'logs':
      return checkLogs(client, step, signal);
    case 'rollout_history':
      return checkHistory(client, step, now, signal);
    case 'nodes':
      return checkNodes(client, step, now, signal);
    case 'deployment':
      return checkDeployment(client, step, now, signal);
    default:
      return step.resource satisfies never;
  }
}
