import type { z } from 'zod';
import type { FieldPath } from './field-path.ts';

/** Just enough of zod's internal definition to walk a schema along a path. */
interface SchemaDefinition {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  getter?: () => z.ZodType;
}

function definitionOf(schema: z.ZodType): SchemaDefinition {
  return (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;
}

function literalValues(schema: z.ZodType | undefined): unknown[] {
  if (!schema) return [];
  const definition = definitionOf(schema) as SchemaDefinition & { values?: unknown[] };
  return definition.type === 'literal' ? (definition.values ?? []) : [];
}

/** Strips wrappers (optional, default, lazy, pipe) and picks the union member that fits `data`. */
function unwrap(schema: z.ZodType, data: unknown): z.ZodType | undefined {
  const definition = definitionOf(schema);
  if (definition.innerType) return unwrap(definition.innerType, data);
  if (definition.getter) return unwrap(definition.getter(), data);
  if (definition.type === 'pipe' && definition.in) return unwrap(definition.in, data);
  if (definition.type === 'union' && definition.options) {
    const record = (data ?? {}) as Record<string, unknown>;
    const { discriminator } = definition;
    const options = definition.options.map((option) => unwrap(option, data)).filter((o) => o !== undefined);
    const objects = options.filter((option) => definitionOf(option).type === 'object');
    if (discriminator === undefined) return objects[0];
    return objects.find((option) =>
      literalValues(definitionOf(option).shape?.[discriminator]).includes(record[discriminator]),
    );
  }
  return schema;
}

/**
 * The field names the schema accepts for the object at `path` of `data`, so an unknown field can
 * be answered with "did you mean …". Empty when the path does not lead to an object schema.
 */
export function knownFields(root: z.ZodType, data: unknown, path: FieldPath): string[] {
  let schema = unwrap(root, data);
  let value = data;
  for (const segment of path) {
    if (!schema) return [];
    const definition = definitionOf(schema);
    value = (value as Record<string | number, unknown> | undefined)?.[segment];
    const next =
      definition.type === 'object'
        ? definition.shape?.[String(segment)]
        : (definition.element ?? definition.valueType);
    schema = next ? unwrap(next, value) : undefined;
  }
  const shape = schema ? definitionOf(schema).shape : undefined;
  return shape ? Object.keys(shape) : [];
}
