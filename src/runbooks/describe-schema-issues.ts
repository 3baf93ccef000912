import type { z } from 'zod';
import { didYouMean } from './did-you-mean.ts';
import { type FieldPath, formatFieldPath } from './field-path.ts';
import { knownFields } from './known-fields.ts';
import type { YamlLocator } from './yaml-locator.ts';

/** A located problem, before it is given its file. */
export interface LocatedIssue {
  line: number;
  field: string;
  message: string;
}

const ARTICLES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  int: 'a whole number',
};

function describeType(name: string): string {
  return ARTICLES[name] ?? name;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

function quoteList(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');
}

function unionExpectations(issue: z.core.$ZodIssueInvalidUnion): string[] {
  const expected = new Set<string>();
  for (const branch of issue.errors) {
    for (const inner of branch) {
      if (inner.code === 'invalid_type' && inner.path.length === 0)
        expected.add(describeType(inner.expected));
    }
  }
  return [...expected];
}

function messageFor(issue: z.core.$ZodIssue, actual: unknown): string {
  const missing = actual === undefined;
  switch (issue.code) {
    case 'invalid_type':
      return missing
        ? `required: expected ${describeType(issue.expected)}`
        : `expected ${describeType(issue.expected)}, got ${describeValue(actual)}`;
    case 'invalid_value':
      return `expected one of ${quoteList(issue.values)}, got ${describeValue(actual)}${
        typeof actual === 'string' ? didYouMean(actual, issue.values.map(String)) : ''
      }`;
    case 'invalid_union': {
      const discriminated = issue as z.core.$ZodIssueInvalidUnion & { options?: unknown[] };
      if (discriminated.options) {
        const choices = quoteList(discriminated.options);
        if (missing) return `required: expected one of ${choices}`;
        const suggestion =
          typeof actual === 'string' ? didYouMean(actual, discriminated.options.map(String)) : '';
        return `unknown type ${describeValue(actual)}; expected one of ${choices}${suggestion}`;
      }
      const expected = unionExpectations(issue);
      return expected.length > 0
        ? `expected ${expected.join(' or ')}, got ${describeValue(actual)}`
        : `${issue.message} (got ${describeValue(actual)})`;
    }
    case 'too_small': {
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item(s)`;
      // Keep a message the schema wrote itself ("expression is empty") over zod's default.
      if (issue.origin === 'string')
        return issue.message.startsWith('Too small') ? 'must not be empty' : issue.message;
      const bound = issue.inclusive === false ? 'more than' : 'at least';
      return `expected ${bound} ${issue.minimum}, got ${describeValue(actual)}`;
    }
    case 'too_big': {
      if (issue.origin === 'array') return `expected at most ${issue.maximum} item(s)`;
      const bound = issue.inclusive === false ? 'less than' : 'at most';
      return `expected ${bound} ${issue.maximum}, got ${describeValue(actual)}`;
    }
    case 'invalid_format':
      return `${issue.message}, got ${describeValue(actual)}`;
    case 'custom':
      return issue.message;
    default:
      return issue.message.replace(/^Invalid input: /, '');
  }
}

/**
 * Turns zod's issues into `line: field: message` a person can act on: the line of the YAML node,
 * the value actually written, and "did you mean" for a misspelt field or option.
 */
export function describeSchemaIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  data: unknown,
  locator: YamlLocator,
): LocatedIssue[] {
  const located: LocatedIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((segment) => typeof segment !== 'symbol') as FieldPath;
    if (issue.code === 'unrecognized_keys') {
      const known = knownFields(schema, data, path);
      for (const key of issue.keys) {
        located.push({
          line: locator.keyLineOf(path, key),
          field: formatFieldPath([...path, key]),
          message: `unknown field${didYouMean(key, known) || (known.length > 0 ? `; allowed here: ${known.join(', ')}` : '')}`,
        });
      }
      continue;
    }
    located.push({
      line: locator.lineOf(path),
      field: formatFieldPath(path),
      message: messageFor(issue, locator.valueAt(path)),
    });
  }
  return located;
}
