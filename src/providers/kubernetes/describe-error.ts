import { ApiException } from '@kubernetes/client-node';

function statusMessage(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    const message = (parsed as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return body.slice(0, 200);
    throw error;
  }
}

/** One line for a failed Kubernetes call: `HTTP 404: pods "x" not found`, `timed out after 10s`. */
export function describeKubernetesError(error: unknown, timeoutMs?: number): string {
  if (error instanceof ApiException) {
    return `HTTP ${error.code}: ${statusMessage(error.body) ?? 'no message from the API server'}`;
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return timeoutMs === undefined ? 'aborted' : `timed out after ${timeoutMs / 1000}s`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiException && error.code === 404;
}

export function httpCode(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}
