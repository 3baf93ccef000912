import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { ConfigError, errorMessage } from '../errors/index.ts';
import { type ConfigFile, ConfigFileSchema, EMPTY_CONFIG_FILE } from './config-file-schema.ts';

const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

function fieldName(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(file)' : text;
}

/** The line of the deepest node of `path` that exists (1 when the document is empty). */
function lineOf(contents: unknown, path: readonly PropertyKey[], counter: LineCounter): number {
  let node = contents as Node | null | undefined;
  let line = node?.range ? counter.linePos(node.range[0]).line : 1;
  for (const segment of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      next = pair?.value ?? pair?.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    const found = next as Node | null | undefined;
    if (!found?.range) break;
    line = counter.linePos(found.range[0]).line;
    node = found;
  }
  return line;
}

/**
 * Parses the RUNBOOK_CONFIG YAML text. Throws ConfigError with one `file:line: field: message` line
 * per problem, like the runbook loader, so a bad file stops the start before any port opens.
 */
export function parseConfigFile(text: string, file: string): ConfigFile {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new ConfigError(
      document.errors.map((error) => {
        const line = error.linePos?.[0]?.line ?? 1;
        return `${file}:${line}: (yaml): ${error.message.split('\n')[0]}`;
      }),
    );
  }
  const data: unknown = document.toJS() ?? {};
  const parsed = ConfigFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
      const message =
        issue.code === 'unrecognized_keys' ? `unknown field (${issue.keys.join(', ')})` : issue.message;
      return { line: lineOf(document.contents, path, counter), text: `${fieldName(path)}: ${message}` };
    });
    // In file order, as a person reads the file (refinements report after the fields they check).
    problems.sort((a, b) => a.line - b.line);
    throw new ConfigError(problems.map((problem) => `${file}:${problem.line}: ${problem.text}`));
  }
  return parsed.data;
}

/** Reads RUNBOOK_CONFIG (when set) once, at start-up; no file means no routing rules, sweeps or per-runbook approvers. */
export async function loadConfigFile(path: string | undefined): Promise<ConfigFile> {
  if (path === undefined) return EMPTY_CONFIG_FILE;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`RUNBOOK_CONFIG: cannot read ${path} (${errorMessage(error)})`]);
  }
  if (Buffer.byteLength(text) > MAX_CONFIG_FILE_BYTES) {
    throw new ConfigError([`${path}:1: (file): larger than ${MAX_CONFIG_FILE_BYTES} bytes`]);
  }
  return parseConfigFile(text, path);
}
