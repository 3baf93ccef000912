interface LooseBlock {
  type?: unknown;
  text?: { text?: unknown };
  fields?: Array<{ text?: string }>;
  elements?: Array<{ type?: unknown; text?: { text?: string }; value?: unknown }>;
}

/**
 * The Block Kit checks Slack applies to chat.postMessage / chat.update, as the errors it answers:
 * `invalid_blocks` for a block over its limits, `msg_blocks_too_long` for a message too long overall.
 */
export function blockKitError(blocks: unknown): string | undefined {
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (blocks.length > 50) return 'invalid_blocks';
  for (const block of blocks as LooseBlock[]) {
    const text = block.text?.text;
    if (block.type === 'section' && typeof text === 'string' && text.length > 3000) return 'invalid_blocks';
    if (block.type === 'header' && typeof text === 'string' && text.length > 150) return 'invalid_blocks';
    const fields = block.fields ?? [];
    if (fields.length > 10 || fields.some((field) => (field.text ?? '').length > 2000))
      return 'invalid_blocks';
    for (const element of block.elements ?? []) {
      const label = element.text?.text ?? '';
      const value = typeof element.value === 'string' ? element.value : '';
      if (element.type === 'button' && (label.length > 75 || value.length > 2000)) return 'invalid_blocks';
    }
  }
  return JSON.stringify(blocks).length > 13_000 ? 'msg_blocks_too_long' : undefined;
}
