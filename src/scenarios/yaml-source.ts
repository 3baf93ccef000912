import { isNode, LineCounter, parseDocument } from 'yaml';
import type { SourceIssue } from '../errors/index.ts';
import { ScenarioValidationError } from './scenario-error.ts';

/** A parsed YAML file that can say on which line any path of it starts. */
export interface YamlSource {
  file: string;
  value: unknown;
  lineOf(path: ReadonlyArray<PropertyKey>): number;
}

/** Parses YAML keeping line numbers; syntax errors become `file:line: (yaml): message`. */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues: SourceIssue[] = document.errors.map((error) => ({
      file,
      line: lineCounter.linePos(error.pos[0]).line,
      field: '(yaml)',
      message: error.message.split('\n')[0] ?? error.message,
    }));
    throw new ScenarioValidationError(issues);
  }
  const lineOf = (path: ReadonlyArray<PropertyKey>): number => {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = document.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  return { file, value: document.toJS({ maxAliasCount: 100 }) as unknown, lineOf };
}

/** `alert.labels.service`, `series[3].values`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(root)' : text;
}
