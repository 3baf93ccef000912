import type { V1Node } from '@kubernetes/client-node';
import { ageSeconds, clip, isoTime } from './time-fields.ts';

/** One node. `conditions` maps each condition type to its status ('True' / 'False' / 'Unknown'). */
export interface NodeRecord {
  [key: string]: unknown;
  name: string;
  ready: boolean;
  /** `Ready`, `NotReady` or `Unknown` (the kubelet stopped posting status). */
  status: string;
  readyReason: string;
  readyMessage: string;
  /** When the Ready condition last changed. */
  readySince: string;
  memoryPressure: boolean;
  diskPressure: boolean;
  pidPressure: boolean;
  networkUnavailable: boolean;
  unschedulable: boolean;
  conditions: Record<string, string>;
  kubeletVersion: string;
  ageSeconds: number | null;
  /** The node's addresses (InternalIP, ExternalIP, Hostname): how node_exporter's `instance` names it. */
  addresses: string[];
}

export function toNodeRecord(node: V1Node, now: Date): NodeRecord {
  const conditions = node.status?.conditions ?? [];
  const byType = Object.fromEntries(conditions.map((condition) => [condition.type, condition.status]));
  const ready = conditions.find((condition) => condition.type === 'Ready');
  return {
    name: node.metadata?.name ?? '',
    ready: ready?.status === 'True',
    status: ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown',
    readyReason: ready?.reason ?? '',
    readyMessage: clip(ready?.message ?? '', 300),
    readySince: isoTime(ready?.lastTransitionTime),
    memoryPressure: byType['MemoryPressure'] === 'True',
    diskPressure: byType['DiskPressure'] === 'True',
    pidPressure: byType['PIDPressure'] === 'True',
    networkUnavailable: byType['NetworkUnavailable'] === 'True',
    unschedulable: node.spec?.unschedulable === true,
    conditions: byType,
    kubeletVersion: node.status?.nodeInfo?.kubeletVersion ?? '',
    ageSeconds: ageSeconds(node.metadata?.creationTimestamp, now),
    addresses: (node.status?.addresses ?? []).map((address) => address.address).slice(0, 8),
  };
}

export function nodeAggregates(records: readonly NodeRecord[]) {
  const count = (test: (record: NodeRecord) => boolean) => records.filter(test).length;
  return {
    total: records.length,
    ready: count((r) => r.ready),
    not_ready: count((r) => !r.ready),
    memory_pressure: count((r) => r.memoryPressure),
    disk_pressure: count((r) => r.diskPressure),
    pid_pressure: count((r) => r.pidPressure),
    network_unavailable: count((r) => r.networkUnavailable),
    unschedulable: count((r) => r.unschedulable),
    not_ready_nodes: records.filter((r) => !r.ready).map((r) => r.name),
  };
}

export function summarizeNodes(label: string, records: readonly NodeRecord[]): string {
  if (records.length === 0) return `${label}: no nodes found`;
  const a = nodeAggregates(records);
  const pressure = [
    a.memory_pressure ? `${a.memory_pressure} MemoryPressure` : '',
    a.disk_pressure ? `${a.disk_pressure} DiskPressure` : '',
    a.pid_pressure ? `${a.pid_pressure} PIDPressure` : '',
    a.unschedulable ? `${a.unschedulable} cordoned` : '',
  ].filter(Boolean);
  const down = a.not_ready_nodes.length > 0 ? ` — NotReady: ${a.not_ready_nodes.slice(0, 5).join(', ')}` : '';
  return `${label}: ${a.ready}/${a.total} nodes Ready${down}${pressure.length ? `; ${pressure.join(', ')}` : ''}`;
}
