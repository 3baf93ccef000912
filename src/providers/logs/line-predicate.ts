import { RunbookError } from '../../errors/index.ts';

export const MAX_PATTERN_LENGTH = 256;
/** Lines are cut to this length before matching, which bounds the work any one regex can do. */
export const MAX_MATCH_LINE_CHARS = 4_096;

// A quantified group that itself contains a quantifier, `(a+)+` or `(\w*)*`: the classic
// catastrophic-backtracking shape. Refused rather than risked on a shared process.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,\d*\})/;

/**
 * A line matcher for log search: a case-sensitive substring, or a regular expression when
 * `regex` is true (guarded: length limit, no nested quantifiers, lines truncated before matching).
 * Throws RunbookError `parameter.invalid` with the reason.
 */
export function compileLinePredicate(pattern: string, regex: boolean): (line: string) => boolean {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new RunbookError(
      'parameter.invalid',
      `log pattern is longer than ${MAX_PATTERN_LENGTH} characters`,
    );
  }
  if (!regex) return (line) => line.slice(0, MAX_MATCH_LINE_CHARS).includes(pattern);
  if (NESTED_QUANTIFIER.test(pattern)) {
    throw new RunbookError(
      'parameter.invalid',
      `log pattern /${pattern}/ nests quantifiers, which can backtrack for minutes; simplify it (e.g. (a+)+ → a+)`,
    );
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern);
  } catch (error) {
    throw new RunbookError(
      'parameter.invalid',
      `log pattern /${pattern}/ is not a valid regular expression`,
      {
        cause: error,
      },
    );
  }
  return (line) => compiled.test(line.slice(0, MAX_MATCH_LINE_CHARS));
}
