import { type ApiResponse, json, statusError } from './api-responses.ts';
import type { ApiState } from './api-state.ts';
import { coreVersions, groupList, resourceList, VERSION_INFO } from './discovery.ts';
import { handleRead } from './handle-read.ts';
import { handleWrite } from './handle-write.ts';
import { routePath } from './route-path.ts';

export interface IncomingApiRequest {
  method: string;
  /** Path and query, as on the request line. */
  url: string;
  contentType: string;
  accept: string;
  body: string;
}

/** The whole API surface of the fake: discovery, reads, and recorded writes. */
export function handleRequest(state: ApiState, request: IncomingApiRequest): ApiResponse {
  const url = new URL(request.url, 'http://fake.invalid');
  const route = routePath(url.pathname, state.catalog);
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  switch (route.kind) {
    case 'version':
      return json(200, VERSION_INFO);
    case 'core-versions':
      return json(200, coreVersions(state.serverAddress));
    case 'groups':
      return json(200, groupList(state.catalog));
    case 'group': {
      const group = groupList(state.catalog).groups.find((candidate) => candidate.name === route.group);
      return group
        ? json(200, { kind: 'APIGroup', apiVersion: 'v1', ...group })
        : statusError(404, 'the server could not find the requested resource');
    }
    case 'resources': {
      const list = resourceList(state.catalog, route.group, route.version);
      return list ? json(200, list) : statusError(404, 'the server could not find the requested resource');
    }
    case 'resource': {
      const resource = { ...route, query: url.searchParams, accept: request.accept };
      if (isRead) return handleRead(state, resource);
      return handleWrite(state, {
        ...resource,
        method: request.method,
        path: url.pathname,
        contentType: request.contentType,
        rawBody: request.body,
      });
    }
    case 'unknown':
      return statusError(404, 'the server could not find the requested resource');
    default:
      return route satisfies never;
  }
}
