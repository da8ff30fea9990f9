/**
 * Discord's numbers, in one place (discord-api-docs: message.mdx "Embed Limits", components reference,
 * application-commands.mdx, receiving-and-responding.mdx). Lengths are counted in UTF-16 code units, which is
 * never less than what Discord counts, so staying under them here stays under them there.
 */
export const DISCORD_LIMITS = {
  content: 2_000,
  embedsPerMessage: 10,
  /** Title, description, field names and values, footer and author across all embeds of one message. */
  embedCharactersPerMessage: 6_000,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  buttonUrl: 512,
  customId: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  optionChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  autocompleteChoices: 25,
  /**
   * Names, descriptions and choice values of one command with all its subcommands and options
   * (application-commands.mdx, "Slash Commands": 8000; some libraries still check the older 4000).
   */
  commandCharacters: 8_000,
} as const;

/** Interaction callback and message flags. */
export const EPHEMERAL = 1 << 6;

/** Discord accepts edits and follow-ups with an interaction token for 15 minutes. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;

/** Cuts `text` to `max` code units, ending in `…` when anything was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half of a surrogate pair before the ellipsis.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

const CONTINUED = ' (continued)';

/** `<name> (continued)` within `max`: the name gives way, so the marker always shows. */
export function continued(name: string, max: number): string {
  return `${truncate(name, max - CONTINUED.length)}${CONTINUED}`;
}
