import type { KubeObject } from './types.ts';

export interface ApiResponse {
  status: number;
  contentType: string;
  body: string;
}

export function json(status: number, value: unknown): ApiResponse {
  return { status, contentType: 'application/json', body: JSON.stringify(value) };
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  500: 'InternalError',
};

/** A `metav1.Status` failure, the body every Kubernetes API error carries. */
export function statusError(
  code: number,
  message: string,
  details?: { name?: string; group?: string; kind?: string },
): ApiResponse {
  return json(code, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: REASONS[code] ?? 'Unknown',
    ...(details ? { details } : {}),
    code,
  });
}

export function notFound(resource: string, name: string, group: string): ApiResponse {
  const qualified = group === '' ? resource : `${resource}.${group}`;
  return statusError(404, `${qualified} "${name}" not found`, { name, group, kind: resource });
}

export function listOf(
  kind: string,
  apiVersion: string,
  items: KubeObject[],
  resourceVersion: string,
): ApiResponse {
  return json(200, { apiVersion, kind: `${kind}List`, metadata: { resourceVersion }, items });
}
