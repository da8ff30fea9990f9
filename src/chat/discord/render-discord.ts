import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import type { Report, Severity } from '../../reports/report.js';
import type { Renderer } from '../../render/renderer.js';
import { sanitizeLine } from '../../render/sanitize.js';
import { formatBadge } from '../../render/severity-style.js';
import { renderButtons, layoutButtons } from './buttons.js';
import { blockChunks, textChunks, type BlockOptions } from './embed-blocks.js';
import { createEmbedBuilder, embedSize, packEmbeds } from './embed-builder.js';
import { DISCORD_LIMITS, truncate } from './limits.js';
import { escapeLine } from './markdown.js';

/** One message as Discord's create-message / execute-webhook JSON takes it. */
export interface DiscordMessage {
  content?: string | undefined;
  embeds: APIEmbed[];
  components?: Array<APIActionRowComponent<APIComponentInMessageActionRow>> | undefined;
  /** Always `{ parse: [] }`: report text never pings anyone. */
  allowed_mentions: { parse: [] };
  flags?: number | undefined;
}

export interface DiscordRender {
  /** In order; one unless the report is over a message's limits. */
  messages: DiscordMessage[];
  /** key → command for buttons whose command is too long for a custom_id; store these before posting. */
  buttonKeys: Record<string, string>;
}

export interface DiscordRenderOptions {
  /** Widest table still drawn as a monospace grid. Default 60. */
  tableWidth?: number | undefined;
  /** Glyphs per sparkline. Default 30. */
  sparkWidth?: number | undefined;
}

/** Discord's own palette; `none` for sections that carry no severity. */
export const SEVERITY_COLORS: Readonly<Record<Severity | 'none', number>> = {
  critical: 0xed4245,
  warning: 0xfee75c,
  ok: 0x57f287,
  info: 0x5865f2,
  none: 0x4f545c,
};

/**
 * The report as Discord messages: a header embed (badge, title, summary) in the report's colour, an embed per
 * titled section in its own colour, fields as embed fields, tables as monospace grids (or one line per row when
 * too wide), charts as sparklines, the footnotes and generation time in the last footer, and the actions as
 * buttons under the last message. Over any limit it splits — into continuation embeds, then further messages
 * marked `part i of n` — and never drops or silently cuts text. Pure: same report, same output.
 */
export function renderDiscord(report: Report, options: DiscordRenderOptions = {}): DiscordRender {
  const blockOptions: BlockOptions = { tableWidth: options.tableWidth ?? 60, sparkWidth: options.sparkWidth ?? 30 };
  const builder = createEmbedBuilder();

  const title = `${formatBadge(report.severity)} ${sanitizeLine(report.title)}`;
  builder.start(title, SEVERITY_COLORS[report.severity]);
  // A title cut to 256 is given in full at the top of the description.
  if (title.length > DISCORD_LIMITS.embedTitle) textChunks(`**${escapeLine(report.title)}**`).forEach(builder.add);
  if (report.summary !== undefined) textChunks(escapeLine(report.summary)).forEach(builder.add);

  for (const section of report.sections) {
    if (section.title !== undefined || section.severity !== undefined) {
      const heading = [section.severity === undefined ? '' : formatBadge(section.severity), sanitizeLine(section.title ?? '')].filter(Boolean).join(' ');
      builder.start(heading, SEVERITY_COLORS[section.severity ?? 'none']);
    }
    for (const block of section.blocks) blockChunks(block, blockOptions).forEach(builder.add);
  }

  const buttons = renderButtons(report.actions ?? []);
  if (buttons.links.length > 0) {
    builder.start('Links', SEVERITY_COLORS.none);
    textChunks(buttons.links.map((link) => `**${escapeLine(link.label)}**: ${sanitizeLine(link.url)}`).join('\n')).forEach(builder.add);
  }

  const notes = (report.footnotes ?? []).map(sanitizeLine).join('\n');
  const footerFits = notes.length <= DISCORD_LIMITS.footer;
  if (!footerFits) {
    builder.start('Notes', SEVERITY_COLORS.none);
    textChunks((report.footnotes ?? []).map((n) => escapeLine(n)).join('\n')).forEach(builder.add);
  }
  const embeds = builder.finish();
  addFooter(embeds, footerFits && notes !== '' ? notes : 'cinemata-ops', report.generatedAt);

  const groups = packEmbeds(embeds);
  const buttonGroups = layoutButtons(buttons.buttons);
  const messages: DiscordMessage[] = groups.map((group) => ({ embeds: group, allowed_mentions: { parse: [] } }));
  const last = messages[messages.length - 1];
  if (last && buttonGroups[0]) last.components = buttonGroups[0];
  for (const rows of buttonGroups.slice(1)) messages.push({ embeds: [], components: rows, allowed_mentions: { parse: [] } });
  if (messages.length > 1) {
    const name = escapeLine(truncate(sanitizeLine(report.title), 100));
    messages.forEach((message, i) => {
      message.content = `**${name}** (part ${i + 1} of ${messages.length})`;
    });
  }
  return { messages, buttonKeys: buttons.keys };
}

/** renderDiscord as a Renderer, for code that picks renderers by id. */
export function createDiscordRenderer(options: DiscordRenderOptions = {}): Renderer<DiscordRender> {
  return { id: 'discord', render: (report) => renderDiscord(report, options) };
}

/** The footer and timestamp go on the last embed, or on an embed of their own when it has no room left. */
function addFooter(embeds: APIEmbed[], text: string, generatedAt: number): void {
  const footer = { text };
  const date = new Date(generatedAt);
  const timestamp = Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  let last = embeds[embeds.length - 1];
  if (!last || embedSize(last) + text.length > DISCORD_LIMITS.embedCharactersPerMessage) {
    last = { color: last?.color ?? SEVERITY_COLORS.none };
    embeds.push(last);
  }
  last.footer = footer;
  if (timestamp !== undefined) last.timestamp = timestamp;
}
