import type { APIEmbed } from 'discord.js';
import { continued, DISCORD_LIMITS, truncate } from './limits.js';
import type { EmbedChunk } from './embed-blocks.js';

/** Characters of an embed that count toward a message's 6,000. */
export function embedSize(embed: APIEmbed): number {
  let size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) size += field.name.length + field.value.length;
  return size;
}

export interface EmbedBuilder {
  /** Starts a new embed (a section); `title` is also what its continuations are called. */
  start(title: string | undefined, color: number): void;
  add(chunk: EmbedChunk): void;
  /** Every embed built so far, each within the per-embed limits and under 6,000 characters. */
  finish(): APIEmbed[];
}

/**
 * Fills embeds chunk by chunk and opens a continuation (`<title> (continued)`, same colour) whenever the next
 * chunk would break a limit: 4,096 of description, 25 fields, 6,000 in total. Text after fields also opens one,
 * because Discord always shows fields below the description and the report's order must survive.
 */
export function createEmbedBuilder(): EmbedBuilder {
  const embeds: APIEmbed[] = [];
  let current: APIEmbed | undefined;
  let sectionTitle: string | undefined;
  let color = 0;

  const open = (title: string | undefined) => {
    if (current) embeds.push(current);
    current = { color };
    if (title !== undefined && title !== '') current.title = title;
  };
  const continuation = () => open(sectionTitle === undefined || sectionTitle === '' ? undefined : continued(sectionTitle, DISCORD_LIMITS.embedTitle));

  return {
    start(title, newColor) {
      sectionTitle = title;
      color = newColor;
      open(title === undefined ? undefined : truncate(title, DISCORD_LIMITS.embedTitle));
    },
    add(chunk) {
      if (!current) open(undefined);
      let embed = current as APIEmbed;
      if (chunk.kind === 'text') {
        const description = embed.description ?? '';
        const added = (description === '' ? 0 : 2) + chunk.text.length;
        if (
          (embed.fields?.length ?? 0) > 0 ||
          description.length + added > DISCORD_LIMITS.embedDescription ||
          embedSize(embed) + added > DISCORD_LIMITS.embedCharactersPerMessage
        ) {
          continuation();
          embed = current as APIEmbed;
        }
        embed.description = embed.description === undefined ? chunk.text : `${embed.description}\n\n${chunk.text}`;
      } else {
        const fields = embed.fields ?? [];
        if (fields.length >= DISCORD_LIMITS.embedFields || embedSize(embed) + chunk.name.length + chunk.value.length > DISCORD_LIMITS.embedCharactersPerMessage) {
          continuation();
          embed = current as APIEmbed;
        }
        (embed.fields ??= []).push({ name: chunk.name, value: chunk.value, inline: chunk.inline });
      }
    },
    finish() {
      if (current) embeds.push(current);
      current = undefined;
      return embeds;
    },
  };
}

/** Embeds into messages: at most 10 per message and 6,000 characters across them, in order. */
export function packEmbeds(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let group: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const s = embedSize(embed);
    if (group.length > 0 && (group.length >= DISCORD_LIMITS.embedsPerMessage || size + s > DISCORD_LIMITS.embedCharactersPerMessage)) {
      messages.push(group);
      group = [];
      size = 0;
    }
    group.push(embed);
    size += s;
  }
  if (group.length > 0) messages.push(group);
  return messages;
}
