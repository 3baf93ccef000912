import type { RootCause } from '../runbooks/index.ts';
import { profileOf } from './category-profiles.ts';
import { hostOf, type IncidentContext, workloadOfPod } from './derive-context.ts';
import type { RanCheck } from './execute-checks.ts';

/** What the evidence names, beyond what the alert said: which dependency, node, volume or pod. */
export interface Narrowed {
  resource?: string;
  /** Values for follow-up checks' parameters (`dependency`, `node`, `volume`, `pod`). */
  learned: Record<string, string>;
  /** Where it was read from, for the branch event. */
  detail?: string;
}

const LABEL_TO_PARAM: ReadonlyArray<[label: string, param: string]> = [
  ['target', 'dependency'],
  ['upstream', 'dependency'],
  ['dependency', 'dependency'],
  ['node', 'node'],
  ['kubernetes_node', 'node'],
  ['persistentvolumeclaim', 'volume'],
  ['pod', 'pod'],
];

const ITEM_TO_PARAM: ReadonlyArray<[key: string, param: string]> = [
  ['node', 'node'],
  ['nodeName', 'node'],
  ['target', 'dependency'],
  ['host', 'dependency'],
  ['pod', 'pod'],
];

function learnFromLabels(
  labels: Readonly<Record<string, string>>,
  kind: string | undefined,
  learned: Record<string, string>,
) {
  for (const [label, param] of LABEL_TO_PARAM) {
    const value = labels[label];
    if (value && learned[param] === undefined)
      learned[param] = param === 'dependency' ? hostOf(value) : value;
  }
  const instance = labels['instance'];
  if (instance) {
    const param = kind === 'node' || kind === 'volume' ? 'node' : 'dependency';
    if (learned[param] === undefined) learned[param] = hostOf(instance);
  }
  if (labels['mountpoint'] && learned['mountpoint'] === undefined)
    learned['mountpoint'] = labels['mountpoint'];
}

/** Items (pods, nodes, events) of an abnormal Kubernetes check: the first that looks at fault. */
function learnFromItems(
  items: ReadonlyArray<Record<string, unknown>>,
  kind: string | undefined,
  learned: Record<string, string>,
) {
  const faulty =
    items.find(
      (item) => item['ready'] === false || item['status'] === 'NotReady' || item['healthy'] === false,
    ) ?? items[0];
  if (!faulty) return;
  for (const [key, param] of ITEM_TO_PARAM) {
    const value = faulty[key];
    if (typeof value === 'string' && value !== '' && learned[param] === undefined) learned[param] = value;
  }
  const name = faulty['name'];
  if (
    kind === 'node' &&
    typeof name === 'string' &&
    learned['node'] === undefined &&
    faulty['kind'] !== 'Pod'
  ) {
    learned['node'] = name;
  }
}

const URL_HOST = /\b(?:https?|grpc|tcp):\/\/([A-Za-z0-9][A-Za-z0-9.-]*)/g;
const JSON_HOST = /"(?:upstream|host|target|peer|dependency)"\s*:\s*"([A-Za-z0-9][A-Za-z0-9.-]*)"/g;
const CLUSTER_SUFFIX = /\.[a-z0-9-]+\.svc(\.cluster\.local)?$|\.svc(\.cluster\.local)?$/;

/** The host the matched log lines name most often (`http://inventory/…` → inventory). */
export function hostInLogLines(
  items: ReadonlyArray<Record<string, unknown>>,
  exclude: string | undefined,
): string | undefined {
  const counts = new Map<string, number>();
  for (const item of items) {
    const line = item['line'];
    if (typeof line !== 'string') continue;
    for (const pattern of [URL_HOST, JSON_HOST]) {
      for (const match of line.matchAll(pattern)) {
        const host = (match[1] ?? '').replace(CLUSTER_SUFFIX, '').toLowerCase();
        if (host === '' || host === exclude || /^\d+(\.\d+){3}$/.test(host)) continue;
        counts.set(host, (counts.get(host) ?? 0) + 1);
      }
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const isAbnormal = (check: RanCheck) => check.health === 'critical' || check.health === 'warning';
const severity = (check: RanCheck) => (check.health === 'critical' ? 0 : 1);

/**
 * Reads the resource at fault from a category's abnormal evidence: the worst series' labels
 * (a probe's `target`, a node, a PVC), else the Kubernetes items, else what the alert named.
 */
export function narrowResource(
  category: RootCause,
  context: IncidentContext,
  ran: Iterable<RanCheck>,
): Narrowed {
  const kind = profileOf(category)?.resourceKind;
  const evidence = [...ran]
    .filter((check) => check.evidenceFor.includes(category) && isAbnormal(check))
    .sort((a, b) => severity(a) - severity(b));
  const learned: Record<string, string> = {};
  let detail: string | undefined;
  for (const check of evidence) {
    const worst = [...check.result.series].sort((a, b) => b.value - a.value)[0];
    if (worst) learnFromLabels(worst.labels, kind, learned);
    else if (check.outcome.diagnosticType === 'kubernetes') learnFromItems(check.result.items, kind, learned);
    else if (
      check.outcome.diagnosticType === 'log_search' &&
      kind === 'dependency' &&
      learned['dependency'] === undefined
    ) {
      const host = hostInLogLines(check.result.items, context.workload);
      if (host) learned['dependency'] = host;
    }
    detail ??= check.outcome.name;
  }
  const workload = context.workload ?? (learned['pod'] ? workloadOfPod(learned['pod']) : undefined);
  const learnedNode = learned['node'];
  if (learnedNode !== undefined && context.nodeNames?.[learnedNode])
    learned['node'] = context.nodeNames[learnedNode];
  let resource: string | undefined;
  switch (kind) {
    case 'node':
      resource = learned['node'] ?? context.node;
      break;
    case 'dependency':
      resource = learned['dependency'] ?? context.dependency ?? workload;
      break;
    case 'volume':
      resource =
        learned['volume'] ??
        context.volume ??
        learned['node'] ??
        context.node ??
        learned['mountpoint'] ??
        context.mountpoint ??
        workload;
      break;
    default:
      resource = workload ?? learned['node'];
  }
  return {
    learned,
    ...(resource === undefined ? {} : { resource }),
    ...(detail === undefined ? {} : { detail }),
  };
}
