import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { FieldPath } from './field-path.ts';

/** Finds the line of a field in the YAML source, so every problem can say where it is. */
export interface YamlLocator {
  /** Line (1-based) of the value at `path`, or of its nearest existing parent when it is missing. */
  lineOf(path: FieldPath): number;
  /** Line of the key `key` in the mapping at `path` (for unknown fields). */
  keyLineOf(path: FieldPath, key: string): number;
  /** The value at `path` as plain data, when it exists. */
  valueAt(path: FieldPath): unknown;
}

function lineOfNode(node: Node | null | undefined, lineCounter: LineCounter): number | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function child(node: unknown, segment: string | number): { key?: Node; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    return pair ? { key: pair.key as Node, value: pair.value } : undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    return segment < node.items.length ? { value: node.items[segment] } : undefined;
  }
  return undefined;
}

export function createYamlLocator(document: Document, lineCounter: LineCounter): YamlLocator {
  const walk = (path: FieldPath) => {
    let node: unknown = document.contents;
    let line = lineOfNode(document.contents, lineCounter) ?? 1;
    let complete = true;
    for (const segment of path) {
      const next = child(node, segment);
      if (!next) {
        complete = false;
        break;
      }
      line = lineOfNode(next.value as Node, lineCounter) ?? lineOfNode(next.key, lineCounter) ?? line;
      node = next.value;
    }
    return { node, line, complete };
  };
  return {
    lineOf: (path) => walk(path).line,
    keyLineOf(path, key) {
      const { node, line } = walk(path);
      const pair = child(node, key);
      return lineOfNode(pair?.key, lineCounter) ?? line;
    },
    valueAt(path) {
      const { node, complete } = walk(path);
      if (!complete) return undefined;
      return isScalar(node) ? node.value : (node as Node | null)?.toJSON();
    },
  };
}
