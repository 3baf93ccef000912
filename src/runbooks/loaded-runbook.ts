import { createHash } from 'node:crypto';
import { RunbookError, type SourceIssue } from '../errors/index.ts';
import type { CompiledExpression } from '../expressions/index.ts';
import type { RunbookDefinition } from './schema.ts';

/** A runbook that passed every check, with its expressions compiled and its content pinned by hash. */
export interface LoadedRunbook {
  readonly definition: RunbookDefinition;
  /** The path it was loaded from, as given to the loader. */
  readonly file: string;
  /** First 12 hex characters of the sha256 of the file's text: what a run records and pins. */
  readonly hash: string;
  /** The `version:` the author wrote (1 when absent). */
  readonly version: number;
  /** Other runbooks its steps call, with where (checked across the library for unknown ids and cycles). */
  readonly calls?: readonly RunbookCall[];
  /** The file's text as loaded (what `runbook diff` compares). */
  readonly source?: string;
  /** Things worth fixing that do not stop it loading (the step linter). */
  readonly warnings?: readonly SourceIssue[];
  /** The expression compiled at load for this exact source; throws RunbookError when there is none. */
  expression(source: string): CompiledExpression;
}

export interface RunbookCall {
  runbookId: string;
  line: number;
  field: string;
}

export function hashRunbookSource(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export function createLoadedRunbook(
  definition: RunbookDefinition,
  file: string,
  text: string,
  compiled: ReadonlyMap<string, CompiledExpression>,
  extra: { calls?: RunbookCall[]; warnings?: SourceIssue[] } = {},
): LoadedRunbook {
  return {
    source: text,
    calls: extra.calls ?? [],
    warnings: extra.warnings ?? [],
    definition,
    file,
    hash: hashRunbookSource(text),
    version: definition.version,
    expression(source) {
      const expression = compiled.get(source);
      if (!expression) {
        throw new RunbookError(
          'expression.invalid',
          `runbook "${definition.id}" (${file}) has no expression "${source}": only expressions written in the runbook are compiled at load`,
        );
      }
      return expression;
    },
  };
}
