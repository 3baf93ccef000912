import type { RunRecord } from '../runs/index.ts';
import { ApiRequestError } from './api-errors.ts';

/** The cursor is the position after the last run of a page: newest first, then by id. */
interface Position {
  startedAt: string;
  id: string;
}

function encode(position: Position): string {
  return Buffer.from(JSON.stringify([position.startedAt, position.id]), 'utf8').toString('base64url');
}

function decode(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { startedAt: value[0], id: value[1] };
    }
  } catch (error) {
    throw new ApiRequestError(400, {
      code: 'request.invalid',
      message: `query.cursor: not a cursor this API returned (${(error as Error).message})`,
      issues: [{ path: 'query.cursor', message: 'not a cursor this API returned' }],
    });
  }
  throw new ApiRequestError(400, {
    code: 'request.invalid',
    message: 'query.cursor: not a cursor this API returned',
    issues: [{ path: 'query.cursor', message: 'not a cursor this API returned' }],
  });
}

const newestFirst = (a: Position, b: Position) =>
  b.startedAt.localeCompare(a.startedAt) || a.id.localeCompare(b.id);

/** One page of runs after `cursor`, and the cursor of the next page when there is one. */
export function paginateRuns(
  records: readonly RunRecord[],
  limit: number,
  cursor: string | undefined,
): { page: RunRecord[]; nextCursor?: string } {
  const sorted = [...records].sort(newestFirst);
  const after = cursor === undefined ? undefined : decode(cursor);
  const rest = after === undefined ? sorted : sorted.filter((record) => newestFirst(after, record) < 0);
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return rest.length > limit && last ? { page, nextCursor: encode(last) } : { page };
}
