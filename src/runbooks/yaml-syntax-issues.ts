import { type Document, isScalar, type LineCounter, visit, type YAMLError } from 'yaml';

export interface SyntaxIssue {
  line: number;
  message: string;
}

/** The yaml package reports an unclosed quote at the end of the file; point at where the quote opens. */
function unclosedQuoteStart(document: Document, error: YAMLError): number | undefined {
  if (error.code !== 'MISSING_CHAR' || !error.message.includes('quote')) return undefined;
  let start: number | undefined;
  visit(document, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && isScalar(node) && node.range && node.range[1] >= error.pos[0] - 1)
        start ??= node.range[0];
    },
  });
  return start;
}

function describe(error: YAMLError, quoteStart: number | undefined): string {
  const first = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
  return quoteStart === undefined ? first : 'this quoted string is never closed';
}

/** YAML errors and warnings (unknown tags too), one per line, in the order of the file. */
export function yamlSyntaxIssues(document: Document, lineCounter: LineCounter): SyntaxIssue[] {
  const byLine = new Map<number, string>();
  for (const error of [...document.errors, ...document.warnings]) {
    const quoteStart = unclosedQuoteStart(document, error);
    const line = lineCounter.linePos(quoteStart ?? error.pos[0]).line;
    // One error often cascades into several on the same line; the first one is the useful one.
    if (!byLine.has(line)) byLine.set(line, describe(error, quoteStart));
  }
  return [...byLine].map(([line, message]) => ({ line, message })).sort((a, b) => a.line - b.line);
}
