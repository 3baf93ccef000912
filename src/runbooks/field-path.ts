/** A location inside a runbook document: keys and list indexes from the root. */
export type FieldPath = readonly (string | number)[];

/** `['diagnostics', 2, 'timeout']` → `diagnostics[2].timeout`; the root is `(runbook)`. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(runbook)' : text;
}

/** A problem found in a runbook, before it is given a file and a line. */
export interface PathIssue {
  path: FieldPath;
  message: string;
}
