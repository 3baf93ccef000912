import type { V1Pod } from '@kubernetes/client-node';
import { describeKubernetesError, httpCode } from './describe-error.ts';
import type { KubernetesClient } from './kubernetes-client.ts';
import { clip } from './time-fields.ts';

/** One container log line. `ts` is the kubelet's timestamp (ISO), '' when the API gave none. */
export interface LogLineRecord {
  [key: string]: unknown;
  pod: string;
  container: string;
  ts: string;
  line: string;
  /** From the text: `error` (ERROR, FATAL, panic, Exception, Traceback), `warn`, or ''. */
  level: 'error' | 'warn' | '';
}

export interface PodLogRequest {
  /** A container name; default: the pod's first container (or every container with `allContainers`). */
  container?: string | undefined;
  allContainers?: boolean;
  tailLines?: number | undefined;
  sinceSeconds?: number | undefined;
  previous?: boolean | undefined;
  /** Pods read at most; the rest are skipped (and reported). */
  maxPods: number;
}

export interface PodLogs {
  lines: LogLineRecord[];
  errors: Array<{ pod: string; container: string; code: number | undefined; message: string }>;
  podsRead: number;
  podsSkipped: number;
}

const ERROR =
  /\b(ERROR|ERR|FATAL|CRITICAL|PANIC|panic|Exception|Traceback)\b|"level"\s*:\s*"(error|fatal|critical)"/i;
const WARN = /\b(WARN|WARNING)\b|"level"\s*:\s*"warn(ing)?"/i;

export function levelOf(line: string): LogLineRecord['level'] {
  if (ERROR.test(line)) return 'error';
  return WARN.test(line) ? 'warn' : '';
}

function parseTimestamped(text: string, pod: string, container: string): LogLineRecord[] {
  return text
    .split('\n')
    .filter((raw) => raw !== '')
    .map((raw) => {
      const space = raw.indexOf(' ');
      const head = space > 0 ? raw.slice(0, space) : '';
      const parsed = Date.parse(head);
      const hasTs = /^\d{4}-\d{2}-\d{2}T/.test(head) && !Number.isNaN(parsed);
      const line = clip(hasTs ? raw.slice(space + 1) : raw);
      return { pod, container, ts: hasTs ? new Date(parsed).toISOString() : '', line, level: levelOf(line) };
    });
}

/** Reads container logs of several pods concurrently; failures per pod are collected, not thrown. */
export async function readPodLogs(
  client: KubernetesClient,
  pods: readonly V1Pod[],
  request: PodLogRequest,
  signal: AbortSignal,
): Promise<PodLogs> {
  const chosen = pods.slice(0, request.maxPods);
  const targets = chosen.flatMap((pod) => {
    const names = (pod.spec?.containers ?? []).map((container) => container.name);
    const containers = request.container
      ? [request.container]
      : request.allContainers
        ? names
        : names.slice(0, 1);
    // A pod without a container list (a thin fixture) still has a log: let the API pick.
    return (containers.length > 0 ? containers : [undefined]).map((container) => ({ pod, container }));
  });
  const result: PodLogs = {
    lines: [],
    errors: [],
    podsRead: chosen.length,
    podsSkipped: pods.length - chosen.length,
  };
  await Promise.all(
    targets.map(async ({ pod, container }) => {
      const name = pod.metadata?.name ?? '';
      try {
        const text = await client.core.readNamespacedPodLog(
          {
            name,
            namespace: pod.metadata?.namespace ?? client.defaultNamespace,
            ...(container === undefined ? {} : { container }),
            timestamps: true,
            ...(request.tailLines === undefined ? {} : { tailLines: request.tailLines }),
            ...(request.sinceSeconds === undefined ? {} : { sinceSeconds: request.sinceSeconds }),
            ...(request.previous ? { previous: true } : {}),
          },
          client.requestOptions(signal),
        );
        result.lines.push(...parseTimestamped(String(text ?? ''), name, container ?? ''));
      } catch (error) {
        if (signal.aborted) throw error;
        result.errors.push({
          pod: name,
          container: container ?? '',
          code: httpCode(error),
          message: describeKubernetesError(error),
        });
      }
    }),
  );
  result.lines.sort((a, b) => a.ts.localeCompare(b.ts));
  return result;
}
