import type { z } from 'zod';
import type { SourceIssue } from '../errors/index.ts';
import { ScenarioValidationError } from './scenario-error.ts';
import { formatPath, type YamlSource } from './yaml-source.ts';

/** Validates a parsed YAML file against a zod schema; every problem comes back as `file:line: field: message`. */
export function validateYaml<Schema extends z.ZodType>(source: YamlSource, schema: Schema): z.infer<Schema> {
  const result = schema.safeParse(source.value);
  if (result.success) return result.data;
  const issues: SourceIssue[] = result.error.issues.map((issue) => ({
    file: source.file,
    line: source.lineOf(issue.path),
    field: formatPath(issue.path),
    message: issue.message,
  }));
  throw new ScenarioValidationError(issues);
}
