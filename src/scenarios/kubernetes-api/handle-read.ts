import { type ApiResponse, json, listOf, notFound, statusError } from './api-responses.ts';
import { type ApiState, findObject, isOfType, scaleOf } from './api-state.ts';
import { matchesFields, matchesLabels, parseSelector } from './match-selectors.ts';
import { apiVersionOf, type ResourceType } from './resource-catalog.ts';
import { serveContainerLog } from './serve-container-log.ts';
import { tableOf, wantsTable } from './table-view.ts';

export interface ResourceRequest {
  type: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
  query: URLSearchParams;
  accept: string;
}

const optionalInt = (text: string | null): number | undefined =>
  text === null || text === '' || Number.isNaN(Number(text)) ? undefined : Math.trunc(Number(text));

function list(state: ApiState, request: ResourceRequest): ApiResponse {
  const { type, namespace, query } = request;
  const labels = parseSelector(query.get('labelSelector') ?? '');
  const fields = parseSelector(query.get('fieldSelector') ?? '');
  if (!labels)
    return statusError(400, `unable to parse requirement: labelSelector ${query.get('labelSelector')}`);
  if (!fields) return statusError(400, `invalid field selector: ${query.get('fieldSelector')}`);
  const items = state.objects.filter(
    (object) =>
      isOfType(object, type) &&
      (namespace === undefined || object.metadata.namespace === namespace) &&
      matchesLabels(object, labels) &&
      matchesFields(object, fields),
  );
  if (wantsTable(request.accept)) return json(200, tableOf(type, items, state.clock()));
  return listOf(type.kind, apiVersionOf(type), items, String(state.resourceVersion));
}

/** GET on a resource: list, get, and the `log`, `scale` and `status` subresources. */
export function handleRead(state: ApiState, request: ResourceRequest): ApiResponse {
  const { type, namespace, name, subresource, query } = request;
  if (query.get('watch') === 'true' || query.get('watch') === '1') {
    return statusError(405, 'watch is not supported by this local API server');
  }
  if (name === undefined) return list(state, request);
  const object = findObject(state, type, namespace, name);
  if (!object) return notFound(type.plural, name, type.group);
  switch (subresource) {
    case undefined:
      return wantsTable(request.accept)
        ? json(200, tableOf(type, [object], state.clock()))
        : json(200, object);
    case 'status':
      return json(200, object);
    case 'scale':
      return type.subresources.includes('scale')
        ? json(200, scaleOf(object))
        : notFound(`${type.plural}/scale`, name, type.group);
    case 'log': {
      if (type.kind !== 'Pod') return notFound(`${type.plural}/log`, name, type.group);
      const answer = serveContainerLog(
        object,
        state.logs,
        {
          container: query.get('container') ?? undefined,
          previous: query.get('previous') === 'true',
          tailLines: optionalInt(query.get('tailLines')),
          sinceSeconds: optionalInt(query.get('sinceSeconds')),
          sinceTime: query.get('sinceTime') ?? undefined,
          timestamps: query.get('timestamps') === 'true',
          limitBytes: optionalInt(query.get('limitBytes')),
        },
        state.clock().getTime(),
      );
      return answer.ok
        ? { status: 200, contentType: 'text/plain', body: answer.text }
        : statusError(answer.code, answer.message);
    }
    default:
      return notFound(`${type.plural}/${subresource}`, name, type.group);
  }
}
