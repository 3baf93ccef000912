import { LineCounter, parseDocument } from 'yaml';
import { RunbookError } from '../../errors/index.ts';
import { completeObjects } from './complete-objects.ts';
import { type FieldPath, fixtureError } from './locate-issue.ts';
import { parseLogKey } from './parse-log-key.ts';
import { leadingTimestamp, shiftTimestampsDeep, shiftTimestampsInText } from './shift-timestamps.ts';
import type { ContainerLog, KubeObject, KubernetesFixture } from './types.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Parses and validates a scenario's `kubernetes.yaml` (scenarios/FORMAT.md), fills in the fields
 * real objects always have (uid, resourceVersion, owner uids, namespaces), and shifts every
 * RFC 3339 timestamp (in objects and in logs) by `options.now − now:`, rounded to whole seconds.
 * Without `now:` nothing shifts.
 * Throws RunbookError `scenario.invalid` naming file, line and field.
 */
export function loadKubernetesFixture(
  yamlText: string,
  options: { now: Date; file?: string },
): KubernetesFixture {
  const file = options.file ?? 'kubernetes.yaml';
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  const located = { document, lineCounter };
  const firstError = document.errors[0];
  if (firstError) {
    const line = lineCounter.linePos(firstError.pos[0]).line;
    const message = firstError.message.split('\n')[0] ?? 'invalid YAML';
    throw new RunbookError('scenario.invalid', `${file}:${line}: (document): invalid YAML: ${message}`);
  }
  const fail = (path: FieldPath, message: string) => fixtureError(file, located, path, message);
  const root: unknown = document.toJS() ?? {};
  if (!isRecord(root)) throw fail([], 'expected a mapping with `objects:` and `logs:`');
  // Other top-level fields are ignored: the scenario format may grow, and folders we have never
  // seen must still run.

  let deltaMs = 0;
  if (root['now'] !== undefined) {
    const now = root['now'];
    const text = now instanceof Date ? now.toISOString() : String(now);
    const parsed = leadingTimestamp(text);
    if (typeof now !== 'string' || !parsed || parsed.text !== text) {
      throw fail(['now'], 'expected an RFC 3339 timestamp like 2026-01-01T12:00:00Z');
    }
    // Whole seconds, so a timestamp written without fractions keeps its format.
    deltaMs = Math.round((options.now.getTime() - parsed.ms) / 1000) * 1000;
  }

  const rawObjects = root['objects'] ?? [];
  if (!Array.isArray(rawObjects)) throw fail(['objects'], 'expected a list of Kubernetes objects');
  const objects = rawObjects.map((raw, index) => validateObject(raw, ['objects', index], fail));

  const rawLogs = root['logs'] ?? {};
  if (!isRecord(rawLogs)) throw fail(['logs'], 'expected a mapping of namespace/pod/container to log text');
  const logs: ContainerLog[] = Object.entries(rawLogs).map(([key, text]) => {
    const target = parseLogKey(key);
    if (!target)
      throw fail(['logs', key], 'expected a key like namespace/pod/container (or …/container/previous)');
    const lines = Array.isArray(text)
      ? text.map(String)
      : typeof text === 'string'
        ? text.split('\n')
        : undefined;
    if (!lines) throw fail(['logs', key], 'expected the log as a block of text (use `|`)');
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return { ...target, lines: lines.map((line) => shiftTimestampsInText(line, deltaMs)) };
  });

  return { now: options.now, objects: completeObjects(shiftTimestampsDeep(objects, deltaMs)), logs };
}

function validateObject(
  raw: unknown,
  path: FieldPath,
  fail: (path: FieldPath, message: string) => Error,
): KubeObject {
  if (!isRecord(raw)) throw fail(path, 'expected a Kubernetes object (a mapping)');
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof raw[field] !== 'string' || raw[field] === '') {
      throw fail([...path, field], `required: a string like ${field === 'kind' ? 'Pod' : 'apps/v1'}`);
    }
  }
  const metadata = raw['metadata'];
  if (!isRecord(metadata)) throw fail([...path, 'metadata'], 'required: a mapping with at least `name`');
  if (typeof metadata['name'] !== 'string' || metadata['name'] === '') {
    throw fail([...path, 'metadata', 'name'], 'required: the object name');
  }
  if (metadata['namespace'] !== undefined && typeof metadata['namespace'] !== 'string') {
    throw fail([...path, 'metadata', 'namespace'], 'expected a string');
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = metadata[field];
    if (map === undefined) continue;
    if (!isRecord(map)) throw fail([...path, 'metadata', field], 'expected a mapping of strings');
    for (const [key, value] of Object.entries(map)) {
      // Kubernetes wants strings; an unquoted `revision: 14` is a common slip, so coerce scalars.
      if (typeof value === 'number' || typeof value === 'boolean') map[key] = String(value);
      else if (typeof value !== 'string') throw fail([...path, 'metadata', field, key], 'expected a string');
    }
  }
  return raw as KubeObject;
}
