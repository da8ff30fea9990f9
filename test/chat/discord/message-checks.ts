import { decodeCustomId } from '../../../src/chat/discord/buttons.js';
import { embedSize } from '../../../src/chat/discord/embed-builder.js';
import type { DiscordMessage } from '../../../src/chat/discord/render-discord.js';
import type { Report } from '../../../src/reports/report.js';
import { sanitizeBlock, sanitizeLine } from '../../../src/render/sanitize.js';

/** Every Discord limit a message can break (anchors §4); empty when the message would be accepted. */
export function limitViolations(message: DiscordMessage): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check((message.content ?? '').length <= 2000, 'content over 2000');
  check(message.embeds.length <= 10, 'more than 10 embeds');
  check(message.embeds.reduce((n, e) => n + embedSize(e), 0) <= 6000, 'embeds over 6000 characters');
  check((message.content ?? '') !== '' || message.embeds.length > 0 || (message.components?.length ?? 0) > 0, 'empty message');
  for (const embed of message.embeds) {
    check((embed.title ?? '').length <= 256, 'title over 256');
    check((embed.description ?? '').length <= 4096, 'description over 4096');
    check((embed.fields ?? []).length <= 25, 'more than 25 fields');
    check((embed.footer?.text ?? '').length <= 2048, 'footer over 2048');
    for (const field of embed.fields ?? []) {
      check(field.name.length >= 1 && field.name.length <= 256, `field name length ${field.name.length}`);
      check(field.value.length >= 1 && field.value.length <= 1024, `field value length ${field.value.length}`);
    }
  }
  const rows = message.components ?? [];
  check(rows.length <= 5, 'more than 5 action rows');
  const ids = new Set<string>();
  for (const row of rows) {
    check(row.components.length <= 5, 'more than 5 buttons in a row');
    for (const button of row.components) {
      const b = button as { label?: string; custom_id?: string; url?: string };
      check((b.label ?? '').length >= 1 && (b.label ?? '').length <= 80, 'button label length');
      if (b.custom_id !== undefined) {
        check(b.custom_id.length <= 100, 'custom_id over 100');
        check(!ids.has(b.custom_id), `duplicate custom_id ${b.custom_id}`);
        ids.add(b.custom_id);
      }
      if (b.url !== undefined) check(b.url.length <= 512, 'button url over 512');
    }
  }
  return problems;
}

/** Whitespace, escapes and markup removed: what is left must be the report's own characters, in order. */
export function normalise(text: string): string {
  return text.replace(/[\s\\`*\u200b]/g, '');
}

/**
 * The text of the messages in reading order, without the names Discord's limits forced on continuations (so a
 * piece split across two embeds reads as one again).
 */
export function renderedText(messages: readonly DiscordMessage[]): string {
  const parts: string[] = [];
  for (const message of messages) {
    for (const embed of message.embeds) {
      if (embed.title !== undefined && !embed.title.endsWith('(continued)')) parts.push(embed.title);
      if (embed.description !== undefined) parts.push(embed.description);
      for (const field of embed.fields ?? []) {
        if (!field.name.endsWith('(continued)')) parts.push(field.name);
        parts.push(field.value);
      }
      if (embed.footer) parts.push(embed.footer.text);
    }
  }
  return normalise(parts.join('\n'));
}

/** The words of everything a report says, in the order a reader meets them (actions aside). */
export function reportWords(report: Report): string[] {
  const texts: string[] = [report.title, report.summary ?? ''];
  for (const section of report.sections) {
    texts.push(section.title ?? '');
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'text':
        case 'code':
          texts.push(sanitizeBlock(block.text));
          break;
        case 'list':
          texts.push(...block.items.map((i) => i.text));
          break;
        case 'fields':
          for (const f of block.fields) texts.push(f.label, f.value);
          break;
        case 'table':
          for (const row of block.rows) texts.push(...row.cells);
          texts.push(block.caption ?? '');
          break;
        case 'chart':
          texts.push(...block.series.map((s) => s.label));
          break;
      }
    }
  }
  for (const action of report.actions ?? []) if (action.url !== undefined && action.url.length > 512) texts.push(action.label, action.url);
  texts.push(...(report.footnotes ?? []));
  return texts.flatMap((t) => sanitizeLine(t).split(/\s+/)).map(normalise).filter((w) => w !== '');
}

/** The first word of the report that cannot be found, in order, in the rendered text; undefined when none. */
export function firstMissingWord(report: Report, messages: readonly DiscordMessage[]): string | undefined {
  const haystack = renderedText(messages);
  let from = 0;
  for (const word of reportWords(report)) {
    const at = haystack.indexOf(word, from);
    if (at === -1) return `${word} (after ${JSON.stringify(haystack.slice(Math.max(0, from - 40), from))})`;
    from = at + word.length;
  }
  return undefined;
}

/** The commands and links behind every button, in order; `ops#` keys resolved through `keys`. */
export function buttonTargets(messages: readonly DiscordMessage[], keys: Record<string, string>): string[] {
  const out: string[] = [];
  for (const message of messages) {
    for (const row of message.components ?? []) {
      for (const button of row.components) {
        const b = button as { custom_id?: string; url?: string };
        if (b.url !== undefined) out.push(b.url);
        if (b.custom_id === undefined) continue;
        const target = decodeCustomId(b.custom_id);
        if (target.kind === 'command') out.push(target.command);
        else if (target.kind === 'key') out.push(keys[target.key] ?? `<missing key ${target.key}>`);
      }
    }
  }
  return out;
}
