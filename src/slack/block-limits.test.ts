import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BLOCK_LIMITS, codeBlock, fitBlocks, truncateText } from './block-limits.ts';
import type { KnownBlock } from './render-text.ts';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('Block Kit limits', () => {
  it('truncates with a note and never exceeds the limit', () => {
    const text = truncateText('x'.repeat(5000), 3000);
    assert.equal(text.length, 3000);
    assert.match(text, /truncated, 2\d\d\d more chars\)$/);
    assert.equal(truncateText('short', 3000), 'short');
  });

  it('keeps a code block fenced and within its budget, even when the text holds fences', () => {
    const block = codeBlock(`a\`\`\`b${'y'.repeat(4000)}`, 1000);
    assert.ok(block.length <= 1000);
    assert.ok(block.startsWith('```') && block.endsWith('```'));
    assert.equal(block.slice(3, -3).includes('```'), false);
  });

  it('caps a message at 50 blocks with a note saying how many were left out', () => {
    const blocks = Array.from({ length: 80 }, (_, index) => section(`line ${index}`));
    const fitted = fitBlocks(blocks);
    assert.equal(fitted.length, BLOCK_LIMITS.blocksPerMessage);
    assert.match(JSON.stringify(fitted.at(-1)), /31 more block\(s\) not shown/);
  });

  it('shrinks long sections until the whole message fits in about 12k characters', () => {
    const blocks = Array.from({ length: 8 }, () => section('z'.repeat(2900)));
    const fitted = fitBlocks(blocks);
    assert.ok(JSON.stringify(fitted).length <= BLOCK_LIMITS.messageChars);
    assert.match(JSON.stringify(fitted), /truncated/);
  });

  it('does not change the blocks it was given', () => {
    const blocks = [section('q'.repeat(20_000))];
    fitBlocks(blocks);
    assert.equal((blocks[0] as { text: { text: string } }).text.text.length, 20_000);
  });
});
