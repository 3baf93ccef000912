import type { z } from 'zod';
import { type ErrorCode, errorMessage, RunbookError } from '../errors/index.ts';

export type ApiStatus = 400 | 401 | 403 | 404 | 409 | 413 | 500;

export interface ApiErrorBody {
  code: string;
  message: string;
  issues?: Array<{ path: string; message: string }>;
}

/** A request the API refuses before touching anything. */
export class ApiRequestError extends Error {
  readonly status: ApiStatus;
  readonly body: ApiErrorBody;
  constructor(status: ApiStatus, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.body = body;
  }
}

/** 400 with each zod issue's path (`params.service`) and message. */
export function invalidRequest(where: 'body' | 'query' | 'path', error: z.ZodError): ApiRequestError {
  const issues = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return new ApiRequestError(400, {
    code: 'request.invalid',
    message: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
    issues,
  });
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, ApiStatus>> = {
  'runbook.not_found': 404,
  'run.not_found': 404,
  'approval.not_found': 404,
  'parameter.invalid': 400,
  'runbook.invalid': 400,
  'alert.invalid': 400,
  'expression.invalid': 400,
  'approval.unauthorized': 403,
  'action.refused': 409,
  'runbook.archived': 409,
  'approval.expired': 409,
  'approval.already_decided': 409,
  'run.invalid_state': 409,
};

/** Translates any error once, at the edge, into a status and `{code, message}`. */
export function toApiError(error: unknown): { status: ApiStatus; body: ApiErrorBody } {
  if (error instanceof ApiRequestError) return { status: error.status, body: error.body };
  if (error instanceof RunbookError) {
    return { status: STATUS_BY_CODE[error.code] ?? 500, body: { code: error.code, message: error.message } };
  }
  return { status: 500, body: { code: 'internal', message: `internal error: ${errorMessage(error)}` } };
}
