import { RunbookError } from '../../errors/index.ts';

const MAX_PATTERN_LENGTH = 500;

/**
 * `bodyMatch`: a substring, or `/regex/flags`. Patterns are bounded in length and bodies are
 * bounded in size before they get here, which keeps a bad regex from running away.
 */
export function compileBodyMatch(bodyMatch: string): (body: string) => boolean {
  if (bodyMatch.length > MAX_PATTERN_LENGTH) {
    throw new RunbookError('parameter.invalid', `bodyMatch is longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(bodyMatch);
  if (!regex) return (body) => body.includes(bodyMatch);
  try {
    const pattern = new RegExp(regex[1] ?? '', (regex[2] ?? '').replace(/[gy]/g, ''));
    return (body) => pattern.test(body);
  } catch (error) {
    throw new RunbookError('parameter.invalid', `bodyMatch ${bodyMatch} is not a valid regular expression`, {
      cause: error,
    });
  }
}
