export type PatchType = 'merge' | 'strategic' | 'json';

const CONTENT_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/json-patch+json': 'json',
};

export function patchTypeOf(contentType: string): PatchType | undefined {
  return CONTENT_TYPES[contentType.split(';')[0]?.trim().toLowerCase() ?? ''];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** RFC 7386; with `strategic`, lists of named objects (containers, env, ports) merge by `name`. */
function mergePatch(target: unknown, patch: unknown, strategic: boolean): unknown {
  if (strategic && Array.isArray(patch) && Array.isArray(target) && [...patch, ...target].every(hasName)) {
    const merged = target.map((item) => structuredClone(item));
    for (const item of patch) {
      const index = merged.findIndex((existing) => existing.name === item.name);
      if (index < 0) merged.push(structuredClone(item));
      else merged[index] = mergePatch(merged[index], item, strategic) as Record<string, unknown>;
    }
    return merged;
  }
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value, strategic);
  }
  return result;
}

function hasName(value: unknown): value is Record<string, unknown> & { name: unknown } {
  return isObject(value) && typeof value['name'] === 'string';
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`invalid JSON pointer ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function jsonPatch(document: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw new Error('a JSON patch is a list of operations');
  let root = structuredClone(document);
  for (const operation of operations) {
    if (!isObject(operation) || typeof operation['path'] !== 'string')
      throw new Error('each operation needs op and path');
    const parts = pointer(operation['path']);
    const op = operation['op'];
    if (parts.length === 0) {
      if (op === 'replace' || op === 'add') root = structuredClone(operation['value']);
      else if (op !== 'test') throw new Error(`cannot ${String(op)} the whole document`);
      continue;
    }
    const last = parts[parts.length - 1] as string;
    let parent: unknown = root;
    for (const part of parts.slice(0, -1)) {
      parent = Array.isArray(parent) ? parent[Number(part)] : isObject(parent) ? parent[part] : undefined;
      if (parent === undefined) throw new Error(`path ${operation['path']} does not exist`);
    }
    const container = parent as Record<string, unknown> | unknown[];
    const exists = Array.isArray(container) ? Number(last) < container.length : last in container;
    switch (op) {
      case 'add':
      case 'replace':
        if (op === 'replace' && !exists) throw new Error(`path ${operation['path']} does not exist`);
        if (Array.isArray(container)) {
          const index = last === '-' ? container.length : Number(last);
          container.splice(index, op === 'replace' ? 1 : 0, structuredClone(operation['value']));
        } else container[last] = structuredClone(operation['value']);
        break;
      case 'remove':
        if (!exists) throw new Error(`path ${operation['path']} does not exist`);
        if (Array.isArray(container)) container.splice(Number(last), 1);
        else delete container[last];
        break;
      case 'test': {
        const current = Array.isArray(container) ? container[Number(last)] : container[last];
        if (JSON.stringify(current) !== JSON.stringify(operation['value']))
          throw new Error(`test failed at ${operation['path']}`);
        break;
      }
      default:
        throw new Error(`unsupported JSON patch op ${JSON.stringify(op)}`);
    }
  }
  return root;
}

/** The object as it would be after the patch. Throws Error with a message for a 422 on a bad patch. */
export function applyPatch(object: unknown, patch: unknown, type: PatchType): unknown {
  return type === 'json' ? jsonPatch(object, patch) : mergePatch(object, patch, type === 'strategic');
}
