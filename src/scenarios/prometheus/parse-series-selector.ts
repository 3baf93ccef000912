/** A series as `promtool test rules` writes it: `name{label="value", …}`. */
export interface SeriesIdentity {
  name: string;
  labels: Record<string, string>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '`': '`',
};

function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== '`')
    throw new Error(`expected a quoted label value at ${start}`);
  let value = '';
  for (let index = start + 1; index < text.length; index += 1) {
    const char = text[index] as string;
    if (char === quote) return { value, end: index + 1 };
    if (char === '\\' && quote !== '`') {
      const next = text[index + 1] ?? '';
      value += ESCAPES[next] ?? `\\${next}`;
      index += 1;
    } else {
      value += char;
    }
  }
  throw new Error('unterminated label value');
}

function skipSpaces(text: string, index: number): number {
  let position = index;
  while (text[position] === ' ' || text[position] === '\t') position += 1;
  return position;
}

/** Parses `http_requests_total{service="a", code="200"}` (or `{__name__="x", …}`). Throws an Error saying what is wrong. */
export function parseSeriesSelector(text: string): SeriesIdentity {
  const source = text.trim();
  const nameMatch = NAME.exec(source);
  let name = nameMatch?.[0] ?? '';
  let index = name.length;
  const labels: Record<string, string> = {};
  index = skipSpaces(source, index);
  if (source[index] === '{') {
    index = skipSpaces(source, index + 1);
    while (source[index] !== '}') {
      const labelMatch = LABEL_NAME.exec(source.slice(index));
      if (!labelMatch) throw new Error(`expected a label name at "${source.slice(index, index + 20)}"`);
      const label = labelMatch[0];
      index = skipSpaces(source, index + label.length);
      if (source[index] !== '=') throw new Error(`expected "=" after label ${label}`);
      const { value, end } = readQuoted(source, skipSpaces(source, index + 1));
      if (label === '__name__') name = value;
      else labels[label] = value;
      index = skipSpaces(source, end);
      if (source[index] === ',') index = skipSpaces(source, index + 1);
      else if (source[index] !== '}') throw new Error(`expected "," or "}" after label ${label}`);
    }
    index += 1;
  }
  if (skipSpaces(source, index) !== source.length) {
    throw new Error(`unexpected "${source.slice(index)}" after the series`);
  }
  if (name === '') throw new Error('a series needs a metric name');
  return { name, labels };
}
