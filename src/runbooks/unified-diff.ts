type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

/** Line operations turning `a` into `b` (longest common subsequence; runbooks are small). */
function operations(a: readonly string[], b: readonly string[]): Op[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const row = lcs[i] as number[];
      row[j] =
        a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i] as string, a: i, b: j });
      i += 1;
      j += 1;
    } else if (j < b.length && (i >= a.length || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      ops.push({ kind: '+', line: b[j] as string, a: i, b: j });
      j += 1;
    } else {
      ops.push({ kind: '-', line: a[i] as string, a: i, b: j });
      i += 1;
    }
  }
  return ops;
}

/**
 * A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around each change) of two
 * texts; empty when they are equal.
 */
export function unifiedDiff(before: string, after: string, labels: [string, string], context = 3): string {
  const split = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const ops = operations(split(before), split(after));
  const changed = ops.map((op, index) => (op.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  const hunks: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(ops.length - 1, index + context);
    const last = hunks.at(-1);
    if (last && start <= last[1] + 1) last[1] = end;
    else hunks.push([start, end]);
  }
  const lines = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  for (const [start, end] of hunks) {
    const slice = ops.slice(start, end + 1);
    const first = slice[0] as Op;
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    lines.push(
      `@@ -${first.a + (oldCount === 0 ? 0 : 1)},${oldCount} +${first.b + (newCount === 0 ? 0 : 1)},${newCount} @@`,
    );
    for (const op of slice) lines.push(`${op.kind}${op.line}`);
  }
  return `${lines.join('\n')}\n`;
}
