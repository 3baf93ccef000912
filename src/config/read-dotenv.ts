import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

function unquote(raw: string): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    return raw.slice(1, -1).replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1);
  const comment = raw.search(/\s#/);
  return comment === -1 ? raw : raw.slice(0, comment).trimEnd();
}

/** Parses `.env` text: `NAME=value` lines, `export` prefixes, quotes, comments. Empty values are skipped. */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const value = unquote(match[2] ?? '');
    if (value !== '') values[match[1] as string] = value;
  }
  return values;
}

/**
 * The environment with `<cwd>/.env` underneath it: variables already set win, so an operator's
 * environment always overrides the file. No file, no change.
 */
export function withDotEnv(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Record<string, string | undefined> {
  let text: string;
  try {
    text = readFileSync(join(cwd, '.env'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...env };
    throw error;
  }
  return { ...parseDotEnv(text), ...env };
}
