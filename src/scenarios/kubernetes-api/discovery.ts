import type { ResourceType } from './resource-catalog.ts';

const READ_VERBS = ['get', 'list', 'watch'];
const WRITE_VERBS = ['create', 'delete', 'deletecollection', 'patch', 'update'];

function resourceEntries(types: readonly ResourceType[]) {
  return types.flatMap((type) => [
    {
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: [...READ_VERBS, ...WRITE_VERBS],
      ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
      ...(type.kind === 'Deployment' || type.kind === 'Pod' ? { categories: ['all'] } : {}),
    },
    ...type.subresources.map((sub) => ({
      name: `${type.plural}/${sub}`,
      singularName: '',
      namespaced: type.namespaced,
      kind: sub === 'scale' ? 'Scale' : sub === 'log' ? 'Pod' : type.kind,
      ...(sub === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}),
      verbs: sub === 'log' ? ['get'] : ['get', 'patch', 'update'],
    })),
  ]);
}

/** `GET /api/v1` or `/apis/{group}/{version}`: an APIResourceList. */
export function resourceList(catalog: readonly ResourceType[], group: string, version: string) {
  const types = catalog.filter((type) => type.group === group && type.version === version);
  if (types.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources: resourceEntries(types),
  };
}

/** `GET /api`: the legacy core group. */
export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `GET /apis`: every named group. */
export function groupList(catalog: readonly ResourceType[]) {
  const groups = new Map<string, string[]>();
  for (const type of catalog) {
    if (type.group === '') continue;
    const versions = groups.get(type.group) ?? [];
    if (!versions.includes(type.version)) versions.push(type.version);
    groups.set(type.group, versions);
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => {
      const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
      return { name, versions: list, preferredVersion: list[0] };
    }),
  };
}

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-runbook-fake',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};
