import type { RunbookDraft } from '../runbooks/index.ts';
import type { KnownBlock } from './render-text.ts';

export const AUTHOR_VIEW_ID = 'runbook_author';
export const AUTHOR_OPEN_ACTION = 'runbook_author_open';
export const PUBLISH_ACTION = 'runbook_publish';

/** Where the saved draft is announced. */
export interface AuthoringTarget {
  channel: string;
  threadTs?: string;
}

function input(
  blockId: string,
  label: string,
  initial: string,
  options: { multiline?: boolean; optional?: boolean } = {},
) {
  return {
    type: 'input' as const,
    block_id: blockId,
    label: { type: 'plain_text' as const, text: label },
    optional: options.optional ?? false,
    element: {
      type: 'plain_text_input' as const,
      action_id: 'value',
      multiline: options.multiline ?? false,
      ...(initial === '' ? {} : { initial_value: initial }),
    },
  };
}

/** The modal: the parsed name, description, numbered steps and detected parameters, all editable. */
export function renderAuthoringModal(draft: RunbookDraft, target: AuthoringTarget) {
  return {
    type: 'modal' as const,
    callback_id: AUTHOR_VIEW_ID,
    private_metadata: JSON.stringify(target),
    title: { type: 'plain_text' as const, text: 'New runbook' },
    submit: { type: 'plain_text' as const, text: 'Save draft' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      input('id', 'Runbook id (kebab-case)', draft.id),
      input('name', 'Name', draft.name),
      input('description', 'Description', draft.description, { multiline: true, optional: true }),
      input(
        'steps',
        'Steps, one a line (parameters as $' + '{name})',
        draft.steps.map((step, index) => `${index + 1}. ${step}`).join('\n'),
        { multiline: true },
      ),
      input('parameters', 'Parameters (comma-separated)', draft.parameters.join(', '), { optional: true }),
    ] satisfies KnownBlock[],
  };
}

/** The modal for Claude's YAML: one field with the whole runbook, validated again on save. */
export function renderYamlModal(yaml: string, target: AuthoringTarget) {
  return {
    type: 'modal' as const,
    callback_id: AUTHOR_VIEW_ID,
    private_metadata: JSON.stringify(target),
    title: { type: 'plain_text' as const, text: 'New runbook' },
    submit: { type: 'plain_text' as const, text: 'Save draft' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      input('yaml', 'Runbook YAML (saved as a draft, version 1)', yaml, { multiline: true }),
    ] satisfies KnownBlock[],
  };
}

type ViewValues = Record<string, Record<string, { value?: string | null }>>;

/** The modal's fields back as text. */
export function readAuthoringValues(
  values: ViewValues,
): Record<'id' | 'name' | 'description' | 'steps' | 'parameters' | 'yaml', string> {
  const read = (block: string) => values[block]?.['value']?.value ?? '';
  return {
    id: read('id').trim(),
    name: read('name').trim(),
    description: read('description'),
    steps: read('steps'),
    parameters: read('parameters'),
    yaml: read('yaml'),
  };
}

export function parseTarget(metadata: string | undefined): AuthoringTarget | undefined {
  try {
    const parsed = JSON.parse(metadata ?? '') as Partial<AuthoringTarget>;
    if (typeof parsed.channel !== 'string') return undefined;
    return {
      channel: parsed.channel,
      ...(typeof parsed.threadTs === 'string' ? { threadTs: parsed.threadTs } : {}),
    };
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
