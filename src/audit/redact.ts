import { isSecretName, knownSecretsRule, REDACTED, TEXT_RULES, type TextRule } from './redact-rules.ts';

/** Removes secrets from text and from JSON-like values before they reach Slack, the model or the audit log. */
export interface Redactor {
  redactText(text: string): string;
  /** A redacted deep copy: strings are scrubbed and secret-named keys lose their values. Never mutates `value`. */
  redact<T>(value: T): T;
}

/** Deeper structures than this are replaced whole rather than walked. */
const MAX_DEPTH = 32;
/** Shorter configured secrets would blank ordinary words out of every message. */
const MIN_KNOWN_SECRET_LENGTH = 4;

function applyRules(rules: readonly TextRule[], text: string): string {
  let result = text;
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    result = result.replace(rule.pattern, rule.replace as (match: string, ...rest: unknown[]) => string);
  }
  return result;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Builds a redactor that also removes the exact values in `knownSecrets` (the tokens and passwords
 * from the configuration), wherever they appear.
 */
export function createRedactor(knownSecrets: readonly string[] = []): Redactor {
  const known = knownSecretsRule(knownSecrets, MIN_KNOWN_SECRET_LENGTH);
  const rules = known ? [known, ...TEXT_RULES] : TEXT_RULES;

  const redactText = (text: string): string => applyRules(rules, text);

  const walk = (value: unknown, depth: number, ancestors: WeakSet<object>): unknown => {
    if (typeof value === 'string') return redactText(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_DEPTH) return REDACTED;
    if (ancestors.has(value)) return '[Circular]';
    if (Array.isArray(value)) {
      ancestors.add(value);
      const copy = value.map((item) => walk(item, depth + 1, ancestors));
      ancestors.delete(value);
      return copy;
    }
    if (value instanceof Error) {
      return { name: value.name, message: redactText(value.message) };
    }
    if (!isPlainObject(value)) return value;
    ancestors.add(value);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const hidesSecret =
        isSecretName(key) && item !== null && item !== undefined && typeof item !== 'boolean';
      copy[key] = hidesSecret ? REDACTED : walk(item, depth + 1, ancestors);
    }
    ancestors.delete(value);
    return copy;
  };

  return {
    redactText,
    redact: <T>(value: T): T => walk(value, 0, new WeakSet()) as T,
  };
}

const defaultRedactor = createRedactor();

/** Redacts text by pattern only (no configured secret values known). */
export function redactText(text: string): string {
  return defaultRedactor.redactText(text);
}

/** Deep redaction by pattern and key name only (no configured secret values known). */
export function redact<T>(value: T): T {
  return defaultRedactor.redact(value);
}
