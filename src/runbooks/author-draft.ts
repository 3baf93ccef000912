import { stringify } from 'yaml';

/** What a person asked for, before it is a runbook: shown in the authoring modal, then saved as YAML. */
export interface RunbookDraft {
  id: string;
  name: string;
  description: string;
  steps: string[];
  parameters: string[];
}

const REQUEST =
  /\b(?:create|make|write|add)\s+(?:a\s+|an\s+)?(?:new\s+)?runbook\s+(?:called|named)\s+["'`]?([A-Za-z0-9][\w -]*?)["'`]?\s*(?:(?:with|that has)\s+(?:these|the following)\s+steps)?\s*(?::|\s[-–—]\s)\s*([\s\S]*)$/i;
const NUMBERED = /(?:^|\s)(\d{1,2})[.)]\s+/g;
const PLACEHOLDER = /\$\{([a-z][a-z0-9_]*)\}|<([a-z][a-z0-9_]*)>|\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/gi;

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** "1. a 2. b" or one step a line ("1) a", "- a") → the steps, in order. */
export function splitSteps(text: string): string[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const bulleted = lines.filter((line) => /^(\d{1,2}[.)]|[-*•])\s+/.test(line));
  if (bulleted.length >= 2) return bulleted.map((line) => line.replace(/^(\d{1,2}[.)]|[-*•])\s+/, '').trim());
  const starts = [...text.matchAll(NUMBERED)];
  if (starts.length === 0) return lines;
  return starts
    .map((match, index) => {
      const from = (match.index ?? 0) + match[0].length;
      const to = starts[index + 1]?.index ?? text.length;
      return text.slice(from, to).trim();
    })
    .filter((step) => step !== '');
}

/** `${name}`, `<name>` and `{{name}}` in steps become parameters, written `${name}` in the runbook. */
export function detectParameters(steps: readonly string[]): { steps: string[]; parameters: string[] } {
  const parameters = new Set<string>();
  const rewritten = steps.map((step) =>
    step.replace(PLACEHOLDER, (_whole, a?: string, b?: string, c?: string) => {
      const name = (a ?? b ?? c ?? '').toLowerCase();
      parameters.add(name);
      return `\${${name}}`;
    }),
  );
  return { steps: rewritten, parameters: [...parameters] };
}

/**
 * A numbered-list request ("create a runbook called db-failover with these steps: 1. … 2. …")
 * as a draft; undefined when the text is not such a request.
 */
export function parseAuthoringRequest(text: string): RunbookDraft | undefined {
  const match = REQUEST.exec(text.trim());
  if (!match?.[1]) return undefined;
  const title = match[1].trim();
  const { steps, parameters } = detectParameters(splitSteps(match[2] ?? ''));
  return {
    id: slugify(title),
    name: title,
    description: '',
    steps,
    parameters,
  };
}

/** The draft as a runbook file: status draft, version 1, a procedure of its steps. */
export function draftToYaml(draft: RunbookDraft, author?: string): string {
  const runbook = {
    id: draft.id,
    name: draft.name,
    ...(draft.description.trim() === '' ? {} : { description: draft.description.trim() }),
    status: 'draft',
    version: 1,
    ...(author === undefined ? {} : { owner: author }),
    mode: 'procedure',
    ...(draft.parameters.length > 0
      ? { parameters: draft.parameters.map((name) => ({ name, required: true })) }
      : {}),
    steps: draft.steps,
  };
  return `# Drafted from Slack; review it, then publish.\n${stringify(runbook, { lineWidth: 0 })}`;
}
