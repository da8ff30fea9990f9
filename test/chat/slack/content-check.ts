import { expect } from 'vitest';
import type { Report } from '../../../src/reports/report.js';
import type { SlackBlock, SlackRendering } from '../../../src/render/slack/block-kit.js';
import { SLACK_LIMITS } from '../../../src/render/slack/block-kit.js';
import { sanitizeBlock, sanitizeLine } from '../../../src/render/sanitize.js';

/** Every string a person (or a button) gets from the rendering, unescaped: text, values, URLs and files. */
export function renderedCorpus(rendering: SlackRendering): string {
  const parts: string[] = [];
  const fromBlocks = (blocks: readonly SlackBlock[]) => {
    for (const block of blocks) {
      switch (block.type) {
        case 'header':
          parts.push(block.text.text);
          break;
        case 'section':
          if ('text' in block) parts.push(block.text.text);
          else parts.push(...block.fields.map((f) => f.text));
          break;
        case 'context':
          parts.push(...block.elements.map((e) => e.text));
          break;
        case 'actions':
          for (const b of block.elements) parts.push(b.text.text, b.value ?? '', b.url ?? '');
          break;
        case 'divider':
          break;
      }
    }
  };
  for (const message of rendering.messages) {
    fromBlocks(message.blocks);
    for (const attachment of message.attachments ?? []) fromBlocks(attachment.blocks);
  }
  for (const file of rendering.files) parts.push(file.content);
  return parts
    .join('\n')
    .replace(/\u200b/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every piece of content of a report, as the renderers sanitise it: what must reach the reader. */
export function reportPieces(report: Report): string[] {
  const pieces = [sanitizeLine(report.title)];
  if (report.summary !== undefined) pieces.push(sanitizeLine(report.summary));
  for (const section of report.sections) {
    if (section.title !== undefined) pieces.push(sanitizeLine(section.title));
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'text':
        case 'code':
          pieces.push(...sanitizeBlock(block.text).split('\n'));
          break;
        case 'fields':
          for (const f of block.fields) pieces.push(sanitizeLine(f.label), sanitizeLine(f.value));
          break;
        case 'table':
          // An empty table shows "(none)" without its header, as on the terminal.
          if (block.rows.length > 0) pieces.push(...block.columns.map((c) => sanitizeLine(c.label)));
          for (const row of block.rows) pieces.push(...row.cells.map(sanitizeLine));
          if (block.caption !== undefined) pieces.push(sanitizeLine(block.caption));
          break;
        case 'list':
          pieces.push(...block.items.map((i) => sanitizeLine(i.text)));
          break;
        case 'chart':
          pieces.push(...block.series.map((s) => sanitizeLine(s.label)));
          break;
      }
    }
  }
  for (const action of report.actions ?? []) {
    pieces.push(sanitizeLine(action.label));
    if (action.command !== undefined) pieces.push(sanitizeLine(action.command));
    if (action.url !== undefined) pieces.push(sanitizeLine(action.url));
  }
  pieces.push(...(report.footnotes ?? []).map(sanitizeLine));
  // Whitespace at either end is invisible, and aligned tables drop it.
  return pieces.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * Fails unless every piece of the report reaches the reader: short pieces verbatim, long ones (which the renderer
 * may split at a space or line break across sections) word by word in order.
 */
export function expectNothingLost(report: Report, rendering: SlackRendering): void {
  const corpus = renderedCorpus(rendering);
  const missing: string[] = [];
  for (const piece of reportPieces(report)) {
    if (piece.length <= 1_500 ? corpus.includes(piece) : wordsInOrder(corpus, piece)) continue;
    missing.push(piece.length > 120 ? `${piece.slice(0, 120)}…` : piece);
  }
  expect(missing, 'content of the report missing from the Slack rendering').toEqual([]);
}

function wordsInOrder(corpus: string, piece: string): boolean {
  let from = 0;
  for (const word of piece.split(/\s+/).filter(Boolean)) {
    const at = corpus.indexOf(word, from);
    if (at < 0) return false;
    from = at + word.length;
  }
  return true;
}

/** Fails when any message breaks one of Slack's limits. */
export function expectWithinSlackLimits(rendering: SlackRendering): void {
  const problems: string[] = [];
  rendering.messages.forEach((message, m) => {
    const blocks = [...message.blocks, ...(message.attachments ?? []).flatMap((a) => a.blocks)];
    if (blocks.length > SLACK_LIMITS.blocksPerMessage) problems.push(`message ${m}: ${blocks.length} blocks`);
    let chars = 0;
    for (const block of blocks) {
      if (block.type === 'header') {
        if (block.text.text.length > SLACK_LIMITS.headerText) problems.push(`message ${m}: header of ${block.text.text.length}`);
        chars += block.text.text.length;
      } else if (block.type === 'section' && 'text' in block) {
        if (block.text.text.length > SLACK_LIMITS.sectionText) problems.push(`message ${m}: section text of ${block.text.text.length}`);
        if (block.text.text.trim() === '') problems.push(`message ${m}: empty section text`);
        chars += block.text.text.length;
      } else if (block.type === 'section') {
        if (block.fields.length > SLACK_LIMITS.fieldsPerSection) problems.push(`message ${m}: ${block.fields.length} fields`);
        for (const f of block.fields) {
          if (f.text.length > SLACK_LIMITS.fieldText) problems.push(`message ${m}: field of ${f.text.length}`);
          chars += f.text.length;
        }
      } else if (block.type === 'context') {
        if (block.elements.length > SLACK_LIMITS.contextElements) problems.push(`message ${m}: ${block.elements.length} context elements`);
        for (const e of block.elements) {
          if (e.text.length > SLACK_LIMITS.contextText) problems.push(`message ${m}: context element of ${e.text.length}`);
          chars += e.text.length;
        }
      } else if (block.type === 'actions') {
        if (block.elements.length > SLACK_LIMITS.actionsElements) problems.push(`message ${m}: ${block.elements.length} buttons`);
        for (const b of block.elements) {
          if (b.text.text.length > SLACK_LIMITS.buttonText) problems.push(`message ${m}: button text of ${b.text.text.length}`);
          if ((b.value?.length ?? 0) > SLACK_LIMITS.buttonValue) problems.push(`message ${m}: button value of ${b.value?.length}`);
          if ((b.url?.length ?? 0) > SLACK_LIMITS.buttonUrl) problems.push(`message ${m}: button url of ${b.url?.length}`);
          if (b.action_id.length > SLACK_LIMITS.actionId) problems.push(`message ${m}: action_id of ${b.action_id.length}`);
          chars += b.text.text.length + (b.value?.length ?? 0) + (b.url?.length ?? 0);
        }
      }
    }
    if (chars > SLACK_LIMITS.messageChars) problems.push(`message ${m}: ${chars} characters`);
    if (message.text.length > SLACK_LIMITS.messageText) problems.push(`message ${m}: text of ${message.text.length}`);
  });
  expect(problems).toEqual([]);
}
