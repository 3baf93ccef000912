import { lineTimestampMs } from './shift-timestamps.ts';
import type { ContainerLog, KubeObject } from './types.ts';

export interface LogQuery {
  container: string | undefined;
  previous: boolean;
  tailLines: number | undefined;
  sinceSeconds: number | undefined;
  sinceTime: string | undefined;
  timestamps: boolean;
  limitBytes: number | undefined;
}

export type LogAnswer = { ok: true; text: string } | { ok: false; code: 400; message: string };

function containerNames(pod: KubeObject): string[] {
  const spec = (pod['spec'] ?? {}) as { containers?: Array<{ name?: unknown }> };
  return (spec.containers ?? []).map((container) => String(container.name));
}

/** Each line's time: its own timestamp, else the line before's (stack traces), else the first known, else now. */
function lineTimes(lines: readonly string[], fallbackMs: number): number[] {
  const own = lines.map(lineTimestampMs);
  let current = own.find((ms) => ms !== undefined) ?? fallbackMs;
  return own.map((ms) => {
    if (ms !== undefined) current = ms;
    return current;
  });
}

/** Kubelet's `--timestamps` prefix: RFC 3339 with nanoseconds. */
function nanoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** Answers `GET …/pods/{name}/log` the way the kubelet does, from the fixture's log text. */
export function serveContainerLog(
  pod: KubeObject,
  logs: readonly ContainerLog[],
  query: LogQuery,
  nowMs: number,
): LogAnswer {
  const names = containerNames(pod);
  const podName = pod.metadata.name;
  let container = query.container;
  if (container === undefined) {
    if (names.length > 1) {
      return {
        ok: false,
        code: 400,
        message: `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`,
      };
    }
    container = names[0];
  } else if (names.length > 0 && !names.includes(container)) {
    return { ok: false, code: 400, message: `container ${container} is not valid for pod ${podName}` };
  }
  const log = logs.find(
    (entry) =>
      entry.namespace === pod.metadata.namespace &&
      entry.pod === podName &&
      entry.previous === query.previous &&
      (entry.container === container ||
        (entry.container === undefined && container === (names[0] ?? container))),
  );
  if (!log) {
    if (query.previous) {
      return {
        ok: false,
        code: 400,
        message: `previous terminated container "${container ?? ''}" in pod "${podName}" not found`,
      };
    }
    return { ok: true, text: '' };
  }
  const times = lineTimes(log.lines, nowMs);
  let selected = log.lines.map((line, index) => ({ line, ms: times[index] ?? nowMs }));
  const sinceMs =
    query.sinceSeconds !== undefined
      ? nowMs - query.sinceSeconds * 1000
      : query.sinceTime !== undefined
        ? Date.parse(query.sinceTime)
        : undefined;
  if (sinceMs !== undefined && !Number.isNaN(sinceMs))
    selected = selected.filter((entry) => entry.ms >= sinceMs);
  if (query.tailLines !== undefined) selected = query.tailLines === 0 ? [] : selected.slice(-query.tailLines);
  let text = selected
    .map((entry) => `${query.timestamps ? `${nanoTimestamp(entry.ms)} ` : ''}${entry.line}\n`)
    .join('');
  if (query.limitBytes !== undefined) text = Buffer.from(text).subarray(0, query.limitBytes).toString();
  return { ok: true, text };
}
