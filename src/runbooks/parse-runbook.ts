import { LineCounter, parseDocument } from 'yaml';
import { RunbookValidationError, type SourceIssue } from '../errors/index.ts';
import { checkExpressions } from './check-expressions.ts';
import { checkParameters } from './check-parameters.ts';
import { checkPlaceholders } from './check-placeholders.ts';
import { checkReferences } from './check-references.ts';
import { checkSafety } from './check-safety.ts';
import { checkSteps } from './check-steps.ts';
import { checkTriggers } from './check-triggers.ts';
import { describeSchemaIssues } from './describe-schema-issues.ts';
import { formatFieldPath } from './field-path.ts';
import { allFlowSteps, flowSteps } from './flow-steps.ts';
import { lintSteps } from './lint-steps.ts';
import { createLoadedRunbook, type LoadedRunbook } from './loaded-runbook.ts';
import { RunbookSchema } from './schema.ts';
import { createYamlLocator } from './yaml-locator.ts';
import { yamlSyntaxIssues } from './yaml-syntax-issues.ts';

/**
 * Parses and checks one runbook file: YAML syntax, then the schema, then meaning (expressions,
 * references, placeholders, safety). Returns a whole runbook or throws RunbookValidationError
 * with every issue of the first phase that failed, each with its line.
 */
export function parseRunbook(text: string, file: string): LoadedRunbook {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lastLine = Math.max(1, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
  const issue = (line: number, field: string, message: string): SourceIssue => ({
    file,
    line: Math.min(line, lastLine),
    field,
    // Expressions written as YAML block scalars span lines; an issue is one line.
    message: message.replace(/\s*\n\s*/g, ' ').trim(),
  });

  const syntax = yamlSyntaxIssues(document, lineCounter).map((found) =>
    issue(found.line, '(yaml)', found.message),
  );
  if (syntax.length > 0) throw new RunbookValidationError(syntax);

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // The yaml package refuses alias bombs ("billion laughs") while building the data.
    throw new RunbookValidationError([
      issue(1, '(yaml)', error instanceof Error ? error.message : String(error)),
    ]);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new RunbookValidationError([
      issue(1, '(runbook)', 'expected a mapping with id, name, diagnostics…; this file has none'),
    ]);
  }
  const locator = createYamlLocator(document, lineCounter);
  const parsed = RunbookSchema.safeParse(data);
  if (!parsed.success) {
    const located = describeSchemaIssues(parsed.error.issues, RunbookSchema, data, locator);
    const issues = located.map((entry) => issue(entry.line, entry.field, entry.message));
    throw new RunbookValidationError(issues.sort((a, b) => a.line - b.line));
  }

  const definition = parsed.data;
  const expressions = checkExpressions(definition);
  const semantic = [
    ...checkParameters(definition),
    ...checkTriggers(definition),
    ...expressions.issues,
    ...checkReferences(definition),
    ...checkPlaceholders(definition),
    ...checkSafety(definition),
    ...checkSteps(definition),
  ].map((found) => issue(locator.lineOf(found.path), formatFieldPath(found.path), found.message));
  if (semantic.length > 0) {
    throw new RunbookValidationError(semantic.sort((a, b) => a.line - b.line));
  }
  const calls = allFlowSteps(flowSteps(definition)).flatMap((step) =>
    step.kind === 'runbook'
      ? [
          {
            runbookId: step.runbookId,
            line: locator.lineOf([...step.path, 'runbook']),
            field: formatFieldPath([...step.path, 'runbook']),
          },
        ]
      : [],
  );
  const warnings = lintSteps(definition).map((found) =>
    issue(locator.lineOf(found.path), formatFieldPath(found.path), found.message),
  );
  return createLoadedRunbook(definition, file, text, expressions.compiled, { calls, warnings });
}
