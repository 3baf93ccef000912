/** `${name}` substitutes a parameter; `$${…}` is a literal `${…}`. */
const PLACEHOLDER = /\$(\$)?\{([^}]*)\}/g;

/** The parameter names a string refers to, in order, escapes excluded. */
export function findPlaceholders(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match[1] === undefined) names.push(match[2] ?? '');
  }
  return names;
}

/** Replaces each `${name}` with `replace(name)` and unescapes `$${…}`. */
export function replacePlaceholders(text: string, replace: (name: string) => string): string {
  return text.replace(PLACEHOLDER, (whole: string, escaped: string | undefined, name: string) =>
    escaped === undefined ? replace(name) : whole.slice(1),
  );
}

/** Every string in a value with its path, for checks and substitution over a whole runbook. */
export function visitStrings(
  value: unknown,
  visit: (text: string, path: (string | number)[]) => void,
  path: (string | number)[] = [],
): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) visitStrings(item, visit, [...path, index]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) visitStrings(inner, visit, [...path, key]);
  }
}
