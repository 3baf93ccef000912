import type { ResourceType } from './resource-catalog.ts';

export type Route =
  | { kind: 'version' }
  | { kind: 'core-versions' }
  | { kind: 'groups' }
  | { kind: 'group'; group: string }
  | { kind: 'resources'; group: string; version: string }
  | {
      kind: 'resource';
      type: ResourceType;
      /** Undefined for cluster-scoped types and for lists across all namespaces. */
      namespace: string | undefined;
      name: string | undefined;
      subresource: string | undefined;
    }
  | { kind: 'unknown' };

/** Maps a request path onto the API's URL scheme: `/api/v1/namespaces/{ns}/{plural}/{name}/{sub}`. */
export function routePath(path: string, catalog: readonly ResourceType[]): Route {
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeURIComponent);
  if (path === '/version' || path === '/version/') return { kind: 'version' };
  let group: string;
  let rest: string[];
  if (segments[0] === 'api') {
    if (segments.length === 1) return { kind: 'core-versions' };
    group = '';
    rest = segments.slice(1);
  } else if (segments[0] === 'apis') {
    if (segments.length === 1) return { kind: 'groups' };
    if (segments.length === 2) return { kind: 'group', group: segments[1] ?? '' };
    group = segments[1] ?? '';
    rest = segments.slice(2);
  } else return { kind: 'unknown' };
  const [version, ...parts] = rest;
  if (version === undefined) return { kind: 'unknown' };
  if (parts.length === 0) return { kind: 'resources', group, version };
  const inGroup = catalog.filter((type) => type.group === group && type.version === version);
  const byPlural = (plural: string | undefined) => inGroup.find((type) => type.plural === plural);

  const namespacedType = parts[0] === 'namespaces' && parts.length >= 3 ? byPlural(parts[2]) : undefined;
  if (namespacedType?.namespaced) {
    const [, namespace, , name, subresource, extra] = parts;
    if (extra !== undefined) return { kind: 'unknown' };
    return { kind: 'resource', type: namespacedType, namespace, name, subresource };
  }
  const type = byPlural(parts[0]);
  if (!type || parts.length > 3) return { kind: 'unknown' };
  return { kind: 'resource', type, namespace: undefined, name: parts[1], subresource: parts[2] };
}
