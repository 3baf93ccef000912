/** Alert-name globs: `*` matches any run of characters, `?` one character; nothing else is special. */
const UNSUPPORTED = /[[\]{}]/;

/** Why a glob is not valid, or undefined when it is. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'must not be empty';
  if (glob !== glob.trim()) return 'must not start or end with spaces';
  if (UNSUPPORTED.test(glob)) return 'only * and ? are wildcards; [ ] { } are not supported';
  return undefined;
}

export function isGlob(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-string match, case-sensitive, as alert names are. */
export function matchesGlob(glob: string, text: string): boolean {
  if (!isGlob(glob)) return glob === text;
  const pattern = glob
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : escapeRegExp(char)))
    .join('');
  return new RegExp(`^${pattern}$`, 's').test(text);
}
