import type { ResourceType } from './resource-catalog.ts';
import type { KubeObject } from './types.ts';

type Cell = string | number;
interface Column {
  name: string;
  type: 'string' | 'integer';
  cell: (object: KubeObject, nowMs: number) => Cell;
}

/** kubectl asks for `application/json;as=Table;…` to print `get` output the server formats. */
export function wantsTable(accept: string): boolean {
  return /as=Table/.test(accept);
}

/** kubectl's short ages: 45s, 3m12s, 5h, 12d. */
function age(timestamp: unknown, nowMs: number): string {
  const ms = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(ms)) return '<unknown>';
  const seconds = Math.max(0, Math.floor((nowMs - ms) / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (seconds < 120) return `${seconds}s`;
  if (minutes < 10) return `${minutes}m${seconds % 60 ? `${seconds % 60}s` : ''}`;
  if (hours < 3) return `${minutes}m`;
  if (hours < 8) return `${hours}h${minutes % 60 ? `${minutes % 60}m` : ''}`;
  if (hours < 48) return `${hours}h`;
  if (days < 8) return `${days}d${hours % 24 ? `${hours % 24}h` : ''}`;
  return days < 730 ? `${days}d` : `${Math.floor(days / 365)}y`;
}

const get = (object: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], object);
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

function podStatus(pod: KubeObject): string {
  const statuses = (get(pod, 'status.containerStatuses') ?? []) as Array<Record<string, unknown>>;
  for (const status of statuses) {
    const reason = get(status, 'state.waiting.reason') ?? get(status, 'state.terminated.reason');
    if (typeof reason === 'string') return reason;
  }
  return String(get(pod, 'status.reason') ?? get(pod, 'status.phase') ?? 'Unknown');
}

function podColumns(): Column[] {
  const statuses = (pod: KubeObject) =>
    (get(pod, 'status.containerStatuses') ?? []) as Array<Record<string, unknown>>;
  return [
    {
      name: 'Ready',
      type: 'string',
      cell: (pod) => {
        const containers = (get(pod, 'spec.containers') ?? []) as unknown[];
        const ready = statuses(pod).filter((status) => status['ready'] === true).length;
        return `${ready}/${Math.max(containers.length, statuses(pod).length)}`;
      },
    },
    { name: 'Status', type: 'string', cell: podStatus },
    {
      name: 'Restarts',
      type: 'string',
      cell: (pod) => String(statuses(pod).reduce((sum, status) => sum + num(status['restartCount']), 0)),
    },
  ];
}

const replicaColumns = (ready: boolean): Column[] => [
  { name: 'Desired', type: 'integer', cell: (o) => num(get(o, 'spec.replicas')) },
  { name: 'Current', type: 'integer', cell: (o) => num(get(o, 'status.replicas')) },
  ...(ready
    ? [
        {
          name: 'Ready',
          type: 'integer' as const,
          cell: (o: KubeObject) => num(get(o, 'status.readyReplicas')),
        },
      ]
    : []),
];

function columnsFor(type: ResourceType): Column[] {
  switch (type.kind) {
    case 'Pod':
      return podColumns();
    case 'Deployment':
      return [
        {
          name: 'Ready',
          type: 'string',
          cell: (o) => `${num(get(o, 'status.readyReplicas'))}/${num(get(o, 'spec.replicas'))}`,
        },
        { name: 'Up-to-date', type: 'integer', cell: (o) => num(get(o, 'status.updatedReplicas')) },
        { name: 'Available', type: 'integer', cell: (o) => num(get(o, 'status.availableReplicas')) },
      ];
    case 'ReplicaSet':
      return replicaColumns(true);
    case 'StatefulSet':
      return [
        {
          name: 'Ready',
          type: 'string',
          cell: (o) => `${num(get(o, 'status.readyReplicas'))}/${num(get(o, 'spec.replicas'))}`,
        },
      ];
    case 'Node':
      return [
        {
          name: 'Status',
          type: 'string',
          cell: (o) => {
            const conditions = (get(o, 'status.conditions') ?? []) as Array<Record<string, unknown>>;
            const ready = conditions.find((condition) => condition['type'] === 'Ready');
            return ready?.['status'] === 'True' ? 'Ready' : 'NotReady';
          },
        },
      ];
    case 'Event':
      return [
        { name: 'Type', type: 'string', cell: (o) => String(get(o, 'type') ?? '') },
        { name: 'Reason', type: 'string', cell: (o) => String(get(o, 'reason') ?? '') },
        {
          name: 'Object',
          type: 'string',
          cell: (o) =>
            `${String(get(o, 'involvedObject.kind')).toLowerCase()}/${String(get(o, 'involvedObject.name'))}`,
        },
        { name: 'Message', type: 'string', cell: (o) => String(get(o, 'message') ?? '') },
      ];
    case 'Namespace':
      return [{ name: 'Status', type: 'string', cell: (o) => String(get(o, 'status.phase') ?? 'Active') }];
    default:
      return [];
  }
}

/** A `meta.k8s.io/v1` Table with the columns `kubectl get` prints for the common kinds. */
export function tableOf(type: ResourceType, objects: readonly KubeObject[], now: Date) {
  const nowMs = now.getTime();
  const columns = columnsFor(type);
  const ageColumn: Column = {
    name: 'Age',
    type: 'string',
    cell: (o) =>
      age(
        type.kind === 'Event'
          ? (get(o, 'lastTimestamp') ?? get(o, 'eventTime'))
          : o.metadata['creationTimestamp'],
        nowMs,
      ),
  };
  const all: Column[] = [
    { name: 'Name', type: 'string', cell: (o) => o.metadata.name },
    ...columns,
    ageColumn,
  ];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: all.map((column, index) => ({
      name: column.name,
      type: column.type,
      format: index === 0 ? 'name' : '',
      description: column.name,
      priority: 0,
    })),
    rows: objects.map((object) => ({
      cells: all.map((column) => column.cell(object, nowMs)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
    })),
  };
}
