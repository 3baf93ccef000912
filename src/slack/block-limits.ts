import type { types } from '@slack/bolt';

type KnownBlock = types.KnownBlock;

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const BLOCK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  fallbackText: 3000,
  /** Slack rejects very long messages with msg_blocks_too_long well before the per-block sums. */
  messageChars: 12_000,
} as const;

/** Cuts `text` to at most `max` characters, ending with a note saying so. Never returns more than `max`. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = `… (truncated, ${text.length - max} more chars)`;
  if (max <= note.length) return text.slice(0, max);
  return `${text.slice(0, max - note.length)}${note}`;
}

/** A fenced code block that stays within `max` characters, fences included. */
export function codeBlock(text: string, max: number = BLOCK_LIMITS.sectionText): string {
  const safe = text.replaceAll('```', 'ˋˋˋ');
  return `\`\`\`${truncateText(safe, max - 6)}\`\`\``;
}

function sectionText(block: KnownBlock): string | undefined {
  return block.type === 'section' && block.text !== undefined ? block.text.text : undefined;
}

/**
 * Makes a message Slack will accept: at most 50 blocks and about 12k characters in all. Long
 * section texts are shortened first (longest first), then trailing blocks are replaced by a note.
 */
export function fitBlocks(blocks: KnownBlock[], maxChars: number = BLOCK_LIMITS.messageChars): KnownBlock[] {
  let fitted = blocks.map((block) => structuredClone(block));
  if (fitted.length > BLOCK_LIMITS.blocksPerMessage) {
    const hidden = fitted.length - (BLOCK_LIMITS.blocksPerMessage - 1);
    fitted = [...fitted.slice(0, BLOCK_LIMITS.blocksPerMessage - 1), omittedNote(hidden)];
  }
  for (let guard = 0; JSON.stringify(fitted).length > maxChars && guard < 50; guard += 1) {
    const longest = fitted
      .map((block, index) => ({ index, length: sectionText(block)?.length ?? 0 }))
      .sort((a, b) => b.length - a.length)[0];
    if (longest === undefined || longest.length < 400) break;
    const block = fitted[longest.index];
    if (block?.type === 'section' && block.text !== undefined) {
      block.text = { ...block.text, text: truncateText(block.text.text, Math.floor(longest.length / 2)) };
    }
  }
  let dropped = 0;
  while (JSON.stringify(fitted).length > maxChars && fitted.length > 1) {
    fitted = fitted.slice(0, fitted.length - (dropped === 0 ? 1 : 2));
    dropped += 1;
    fitted.push(omittedNote(dropped));
  }
  return fitted;
}

function omittedNote(count: number): KnownBlock {
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `_${count} more block(s) not shown: Slack's message size limit._` }],
  };
}
