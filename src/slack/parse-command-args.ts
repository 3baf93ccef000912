import { RunbookError } from '../errors/index.ts';

/**
 * Splits a command line into words, honouring double and single quotes and backslash escapes:
 * `run disk-full host="db 1" note='it\'s full'` → ['run', 'disk-full', 'host=db 1', "note=it's full"].
 * Slack sends “smart quotes” from some clients; they count as plain quotes.
 */
export function splitWords(input: string): string[] {
  const text = input.replace(/[\u201C\u201D]/g, '"').replace(/[\u2018\u2019]/g, "'");
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] as string;
    if (char === '\\' && index + 1 < text.length) {
      current += text[index + 1];
      index += 1;
      inWord = true;
    } else if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote !== undefined) {
    throw new RunbookError(
      'parameter.invalid',
      `unclosed ${quote} quote: close it, e.g. k=${quote}a b${quote}`,
    );
  }
  if (inWord) words.push(current);
  return words;
}

export interface ParsedArgs {
  positional: string[];
  params: Record<string, string>;
}

const PARAM_PATTERN = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s;

/** Words of the form `k=v` become parameters; the rest stay positional, in order. */
export function parseArgs(words: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const params: Record<string, string> = {};
  for (const word of words) {
    const match = PARAM_PATTERN.exec(word);
    if (match) params[match[1] as string] = match[2] as string;
    else if (word.startsWith('=')) {
      throw new RunbookError('parameter.invalid', `"${word}" has no parameter name: write name=value`);
    } else positional.push(word);
  }
  return { positional, params };
}
