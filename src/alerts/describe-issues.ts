import type { z } from 'zod';

/** zod issues as `path: message; …` for a 400 answer (at most five, so the answer stays short). */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): string {
  const lines = issues.slice(0, 5).map((issue) => {
    const path = [...prefix, ...issue.path]
      .map((segment, index) =>
        typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
      )
      .join('');
    return `${path || '(body)'}: ${issue.message}`;
  });
  if (issues.length > 5) lines.push(`…and ${issues.length - 5} more`);
  return lines.join('; ');
}
