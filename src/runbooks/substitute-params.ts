import { RunbookError } from '../errors/index.ts';
import type { ParamValue } from './coerce-param-value.ts';
import { replacePlaceholders } from './placeholders.ts';

/**
 * Replaces `${name}` in every string of `value` (deeply) with the parameter's value. Each string
 * stays one string: an argv element is still exactly one argument whatever the value holds. An
 * unknown or unset placeholder throws RunbookError('parameter.invalid'): never an empty guess.
 */
export function substituteParams<T>(value: T, params: Readonly<Record<string, ParamValue>>): T {
  const substitute = (inner: unknown): unknown => {
    if (typeof inner === 'string') {
      return replacePlaceholders(inner, (name) => {
        const replacement = Object.hasOwn(params, name) ? params[name] : undefined;
        if (replacement === undefined) {
          const known = Object.keys(params);
          throw new RunbookError(
            'parameter.invalid',
            `"\${${name}}" in "${inner}" has no value; parameters with values: ${known.length > 0 ? known.join(', ') : 'none'}`,
          );
        }
        return String(replacement);
      });
    }
    if (Array.isArray(inner)) return inner.map(substitute);
    if (inner !== null && typeof inner === 'object') {
      return Object.fromEntries(Object.entries(inner).map(([key, item]) => [key, substitute(item)]));
    }
    return inner;
  };
  return substitute(value) as T;
}
