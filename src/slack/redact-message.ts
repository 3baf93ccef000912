import type { SlackMessage } from './render-text.ts';

/** Keys whose strings are identifiers, not prose: redacting them would break buttons. */
const IDENTIFIER_KEYS = new Set(['type', 'action_id', 'block_id', 'value', 'style', 'url']);

function redactValue(value: unknown, redact: (text: string) => string, key?: string): unknown {
  if (typeof value === 'string') return key !== undefined && IDENTIFIER_KEYS.has(key) ? value : redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([entryKey, entry]) => [entryKey, redactValue(entry, redact, entryKey)]),
    );
  }
  return value;
}

/** Every human-readable string of a message passes through `redact` before it reaches Slack. */
export function redactMessage(message: SlackMessage, redact: (text: string) => string): SlackMessage {
  return {
    text: redact(message.text),
    blocks: redactValue(message.blocks, redact) as SlackMessage['blocks'],
  };
}
