import { type ApiResponse, json, notFound, statusError } from './api-responses.ts';
import { type ApiState, findObject, scaleOf } from './api-state.ts';
import { applyPatch, patchTypeOf } from './apply-patch.ts';
import type { ResourceRequest } from './handle-read.ts';
import type { KubeObject } from './types.ts';

export interface WriteRequest extends ResourceRequest {
  method: string;
  path: string;
  contentType: string;
  rawBody: string;
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false };
    throw error;
  }
}

function bump(state: ApiState, object: KubeObject): KubeObject {
  state.resourceVersion += 1;
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(state.resourceVersion) } };
}

function replace(state: ApiState, before: KubeObject, after: KubeObject): void {
  if (!state.applyWrites) return;
  const index = state.objects.indexOf(before);
  if (index >= 0) state.objects[index] = after;
}

/**
 * PATCH, PUT, POST and DELETE: every one is recorded. The answer is the object as it would be
 * afterwards (kubectl prints from it); the served objects change only when `applyWrites` is on.
 */
export function handleWrite(state: ApiState, request: WriteRequest): ApiResponse {
  const body = parseBody(request.rawBody);
  state.writes.push({
    method: request.method,
    path: request.path,
    contentType: request.contentType,
    body: body.ok ? body.value : request.rawBody,
    at: state.clock().toISOString(),
  });
  if (!body.ok) return statusError(400, 'the request body is not valid JSON');
  const { type, namespace, name, subresource } = request;
  if (request.method === 'POST' && name === undefined) {
    const created = bump(state, body.value as KubeObject);
    if (state.applyWrites) state.objects.push(created);
    return json(201, created);
  }
  if (name === undefined) return statusError(405, `${request.method} needs an object name`);
  const object = findObject(state, type, namespace, name);
  if (!object) return notFound(type.plural, name, type.group);
  if (subresource !== undefined && subresource !== 'scale' && subresource !== 'status') {
    return statusError(405, `${request.method} is not supported on ${type.plural}/${subresource}`);
  }
  if (subresource === 'scale' && !type.subresources.includes('scale')) {
    return notFound(`${type.plural}/scale`, name, type.group);
  }
  switch (request.method) {
    case 'DELETE': {
      if (state.applyWrites) state.objects.splice(state.objects.indexOf(object), 1);
      return json(200, object);
    }
    case 'PUT': {
      const updated = bump(state, {
        ...(body.value as KubeObject),
        metadata: { ...object.metadata, ...(body.value as KubeObject).metadata },
      });
      replace(state, object, updated);
      return json(200, updated);
    }
    case 'PATCH': {
      const patchType = patchTypeOf(request.contentType);
      if (!patchType)
        return statusError(
          415,
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
        );
      const current = subresource === 'scale' ? scaleOf(object) : object;
      let patched: KubeObject;
      try {
        patched = applyPatch(current, body.value, patchType) as KubeObject;
      } catch (error) {
        return statusError(
          422,
          `the patch could not be applied: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      if (subresource === 'scale') {
        const replicas = (patched['spec'] as { replicas?: unknown } | undefined)?.replicas;
        const spec = { ...(object['spec'] as Record<string, unknown>), replicas };
        const updated = bump(state, { ...object, spec });
        replace(state, object, updated);
        return json(200, {
          ...patched,
          metadata: { ...patched.metadata, resourceVersion: updated.metadata['resourceVersion'] },
        });
      }
      const updated = bump(state, patched);
      replace(state, object, updated);
      return json(200, updated);
    }
    default:
      return statusError(405, `${request.method} is not supported`);
  }
}
