import { type ParameterDefinition, parseDurationMs } from './schema.ts';

export type ParamValue = string | number | boolean;

/**
 * What a string parameter may contain unless it declares its own `pattern`: enough for service,
 * namespace, pod, host and URL values, but no quotes, braces, spaces, `$`, backticks or newlines,
 * so a value cannot break out of a PromQL label matcher or a JSON body.
 */
export const SAFE_PARAM_VALUE = /^[A-Za-z0-9_.:/@=+,-]*$/;
const CONTROL_CHARACTERS = /\p{Cc}/u;
const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

export type CoercedValue = { ok: true; value: ParamValue } | { ok: false; problem: string };

/** Compiles a parameter's `pattern` as a whole-value match; undefined when it has none. */
export function parameterPattern(parameter: ParameterDefinition): RegExp | undefined {
  return parameter.pattern === undefined ? undefined : new RegExp(`^(?:${parameter.pattern})$`, 'u');
}

function checkText(parameter: ParameterDefinition, text: string, trusted: boolean): string | undefined {
  if (CONTROL_CHARACTERS.test(text)) return 'control characters such as newlines are never allowed';
  if (parameter.enum && !parameter.enum.includes(text)) return `expected one of ${parameter.enum.join(', ')}`;
  const pattern = parameterPattern(parameter);
  if (pattern) return pattern.test(text) ? undefined : `expected a value matching /${parameter.pattern}/`;
  if (trusted || parameter.enum) return undefined;
  if (text.startsWith('-')) return 'must not start with "-" (it could be read as a command option)';
  if (!SAFE_PARAM_VALUE.test(text)) {
    return 'only letters, digits and _ . : / @ = + , - are allowed (no spaces, quotes, braces, $ or backticks); declare a pattern for this parameter to allow more';
  }
  return undefined;
}

/**
 * Checks and converts one value for a parameter. `trusted` is for the runbook's own defaults,
 * which skip the safe character set (a reviewed `.*` is fine) but not the type, enum or pattern.
 */
export function coerceParamValue(
  parameter: ParameterDefinition,
  raw: ParamValue,
  trusted: boolean,
): CoercedValue {
  const text = String(raw).trim();
  switch (parameter.type) {
    case 'number': {
      if (typeof raw === 'number') return { ok: true, value: raw };
      if (!NUMBER.test(text)) return { ok: false, problem: 'expected a number like 3 or 0.5' };
      const problem =
        parameter.enum && !parameter.enum.includes(text)
          ? `expected one of ${parameter.enum.join(', ')}`
          : undefined;
      return problem ? { ok: false, problem } : { ok: true, value: Number(text) };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const value = BOOLEANS[text.toLowerCase()];
      return value === undefined ? { ok: false, problem: 'expected true or false' } : { ok: true, value };
    }
    case 'duration': {
      if (typeof raw !== 'string' || parseDurationMs(text) === undefined) {
        return { ok: false, problem: 'expected a duration like "30s", "5m" or "1h"' };
      }
      const problem = checkText(parameter, text, trusted);
      return problem ? { ok: false, problem } : { ok: true, value: text };
    }
    case 'string': {
      const value = typeof raw === 'string' ? raw : String(raw);
      const problem = checkText(parameter, value, trusted);
      return problem ? { ok: false, problem } : { ok: true, value };
    }
    default:
      parameter.type satisfies never;
      return { ok: false, problem: `unknown parameter type "${String(parameter.type)}"` };
  }
}
