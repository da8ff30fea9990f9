import type { DispatchFailure } from '../../dispatch/dispatch.js';
import { DISCORD_LIMITS, truncate } from './limits.js';
import { escapeLine } from './markdown.js';
import type { DiscordMessage } from './render-discord.js';

const MARK: Readonly<Record<DispatchFailure['kind'], string>> = { usage: '⚠️', user: '⛔', internal: '❌' };

/**
 * A failed command as a short message for the person who ran it: the message, then the hint as subtext. Hints
 * written for the terminal (`cinemata-ops help x`) are given as the slash command people type here.
 */
export function renderFailure(failure: DispatchFailure, flags?: number): DiscordMessage {
  const hint = failure.hint?.replace(/\bcinemata-ops (help\b)/g, '/ops $1');
  const lines = [`${MARK[failure.kind]} ${escapeLine(failure.message)}`];
  if (hint !== undefined && hint !== '') lines.push(`-# ${escapeLine(hint)}`);
  return {
    content: truncate(lines.join('\n'), DISCORD_LIMITS.content),
    embeds: [],
    allowed_mentions: { parse: [] },
    ...(flags === undefined ? {} : { flags }),
  };
}
