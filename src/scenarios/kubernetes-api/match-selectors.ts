import type { KubeObject } from './types.ts';

type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'absent' };

/** Splits on commas outside parentheses: `app=x,tier in (a,b)` → two terms. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += char;
  }
  terms.push(current);
  return terms.map((term) => term.trim()).filter((term) => term !== '');
}

function parseTerm(term: string): Requirement | undefined {
  const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set?.[1] && set[3] !== undefined) {
    const values = set[3].split(',').map((value) => value.trim());
    return { key: set[1], op: set[2] === 'in' ? 'in' : 'notin', values };
  }
  const equality = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (equality?.[1]) {
    return { key: equality[1], op: equality[2] === '!=' ? 'notin' : 'in', values: [equality[3] ?? ''] };
  }
  if (/^![^\s!=]+$/.test(term)) return { key: term.slice(1), op: 'absent' };
  if (/^[^\s!=(),]+$/.test(term)) return { key: term, op: 'exists' };
  return undefined;
}

/** Parses a label or field selector; undefined when it is malformed (the API answers 400). */
export function parseSelector(selector: string): Requirement[] | undefined {
  const requirements = splitTerms(selector).map(parseTerm);
  return requirements.every((requirement) => requirement !== undefined) ? requirements : undefined;
}

function matches(requirements: Requirement[], lookup: (key: string) => string | undefined): boolean {
  return requirements.every((requirement) => {
    const value = lookup(requirement.key);
    switch (requirement.op) {
      case 'exists':
        return value !== undefined;
      case 'absent':
        return value === undefined;
      case 'in':
        return value !== undefined && requirement.values.includes(value);
      case 'notin':
        return value === undefined || !requirement.values.includes(value);
      default:
        return requirement satisfies never;
    }
  });
}

export function matchesLabels(object: KubeObject, requirements: Requirement[]): boolean {
  const labels = (object.metadata['labels'] ?? {}) as Record<string, string>;
  return matches(requirements, (key) => labels[key]);
}

/** Field selectors over dotted paths: `involvedObject.name`, `spec.nodeName`, `status.phase`, … */
export function matchesFields(object: KubeObject, requirements: Requirement[]): boolean {
  return matches(requirements, (path) => {
    let value: unknown = object;
    for (const part of path.split('.')) {
      value =
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    }
    // The API server compares a missing field as the empty string.
    if (value === undefined || value === null || typeof value === 'object') return '';
    return String(value);
  });
}
