import { type Document, isMap, isSeq, type LineCounter, type Node } from 'yaml';
import { RunbookError } from '../../errors/index.ts';

export type FieldPath = Array<string | number>;

export function formatPath(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  }
  return text || '(document)';
}

/** The line of the deepest node that exists along `path` (the parent when the field is missing). */
function lineOf(document: Document, lineCounter: LineCounter, path: FieldPath): number {
  let node: unknown = document.contents;
  let offset = 0;
  for (const part of path) {
    const range = (node as Node | undefined)?.range;
    if (range) offset = range[0];
    if (isMap(node) || isSeq(node)) node = node.get(part, true);
    else break;
  }
  const range = (node as Node | undefined)?.range;
  if (range) offset = range[0];
  return lineCounter.linePos(offset).line;
}

/** A `scenario.invalid` error that says file, line and field, like `runbook validate` does. */
export function fixtureError(
  file: string,
  located: { document: Document; lineCounter: LineCounter },
  path: FieldPath,
  message: string,
): RunbookError {
  const line = lineOf(located.document, located.lineCounter, path);
  return new RunbookError('scenario.invalid', `${file}:${line}: ${formatPath(path)}: ${message}`);
}
