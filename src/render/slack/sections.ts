import type { Mrkdwn, SlackBlock } from './block-kit.js';
import { SLACK_LIMITS } from './block-kit.js';
import { splitText } from './mrkdwn.js';

/** Report text as mrkdwn: `verbatim`, so Slack adds no links or mentions of its own. */
export function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function section(text: string): SlackBlock {
  return { type: 'section', text: mrkdwn(text) };
}

/**
 * Escaped lines packed into as few sections as fit, each at most `limit` characters; a line longer than that is
 * split over several sections. Blank input gives no section (Slack rejects empty text).
 */
export function packLines(lines: readonly string[], limit: number = SLACK_LIMITS.sectionText): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const pieces = splitText(line, limit);
    for (const piece of pieces) {
      if (current === '') current = piece;
      else if (current.length + 1 + piece.length <= limit) current += `\n${piece}`;
      else {
        chunks.push(current);
        current = piece;
      }
    }
  }
  if (current.trim() !== '') chunks.push(current);
  return chunks.filter((chunk) => chunk.trim() !== '');
}

export function packSections(lines: readonly string[]): SlackBlock[] {
  return packLines(lines).map(section);
}

/**
 * Context blocks for short notes: one element per note (split when a note is longer than an element may be),
 * at most ten elements per block.
 */
export function contextBlocks(notes: readonly string[]): SlackBlock[] {
  const elements = notes.flatMap((note) => splitText(note, SLACK_LIMITS.contextText)).filter((t) => t.trim() !== '');
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.contextElements) {
    blocks.push({ type: 'context', elements: elements.slice(i, i + SLACK_LIMITS.contextElements).map(mrkdwn) });
  }
  return blocks;
}

/** Characters of text a block carries, counted against the per-message budget. */
export function countChars(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return 'text' in block ? block.text.text.length : block.fields.reduce((n, f) => n + f.text.length, 0);
    case 'context':
      return block.elements.reduce((n, e) => n + e.text.length, 0);
    case 'divider':
      return 0;
    case 'actions':
      return block.elements.reduce((n, b) => n + b.text.text.length + (b.value?.length ?? 0) + (b.url?.length ?? 0), 0);
  }
}
