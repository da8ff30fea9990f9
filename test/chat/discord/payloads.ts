import type { InteractionPayload, OptionPayload } from '../../../src/chat/discord/interaction-payload.js';

export const APPLICATION_ID = '1185330081436237864';
export const GUILD_ID = '1090220847519617034';
export const CHANNEL_ID = '1090220848102633512';
export const COMMAND_ID = '1187312345678901234';

export interface Member {
  id: string;
  username: string;
  roles?: string[];
}

export const MARA: Member = { id: '302050872383242240', username: 'mara', roles: [] };
export const OPERATOR_ROLE = '1190000000000000001';
export const JONAS: Member = { id: '412345678901234567', username: 'jonas', roles: [OPERATOR_ROLE] };

let counter = 0;
/** A fresh interaction id and token, as Discord gives every interaction its own. */
function nextIds(): { id: string; token: string } {
  counter += 1;
  return { id: String(1_200_000_000_000_000_000n + BigInt(counter)), token: `aW50ZXJhY3Rpb246${counter}OnRva2VuLXNlY3JldA` };
}

/** The envelope Discord sends for a guild interaction (receiving-and-responding.mdx), every field included. */
function guildInteraction(type: number, member: Member, data: Record<string, unknown>, extra: Record<string, unknown> = {}): InteractionPayload {
  const { id, token } = nextIds();
  return {
    app_permissions: '562949953601536',
    application_id: APPLICATION_ID,
    authorizing_integration_owners: { '0': GUILD_ID },
    channel: { flags: 0, guild_id: GUILD_ID, id: CHANNEL_ID, last_message_id: null, name: 'ops', nsfw: false, parent_id: null, permissions: '2248473465835073', position: 3, rate_limit_per_user: 0, topic: null, type: 0 },
    channel_id: CHANNEL_ID,
    context: 0,
    data,
    entitlement_sku_ids: [],
    entitlements: [],
    guild: { features: [], id: GUILD_ID, locale: 'en-US' },
    guild_id: GUILD_ID,
    guild_locale: 'en-US',
    id,
    locale: 'en-GB',
    member: {
      avatar: null,
      banner: null,
      communication_disabled_until: null,
      deaf: false,
      flags: 0,
      joined_at: '2024-03-11T08:12:45.120000+00:00',
      mute: false,
      nick: null,
      pending: false,
      permissions: '2248473465835073',
      premium_since: null,
      roles: member.roles ?? [],
      unusual_dm_activity_until: null,
      user: { avatar: null, avatar_decoration_data: null, clan: null, collectibles: null, discriminator: '0', global_name: member.username[0]?.toUpperCase() + member.username.slice(1), id: member.id, primary_guild: null, public_flags: 0, username: member.username },
    },
    token,
    type,
    version: 1,
    ...extra,
  } as InteractionPayload;
}

/** Discord's option types for the values a test passes: 3 string, 4 integer, 5 boolean, 10 number. */
function optionType(value: string | number | boolean): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

/** `/ops <subcommand> name:value …`, type 2 APPLICATION_COMMAND, options nested under the subcommand. */
export function slashCommand(subcommand: string, options: Record<string, string | number | boolean> = {}, member: Member = MARA): InteractionPayload {
  return slashCommandWithOptions(subcommand, Object.entries(options).map(([name, value]) => ({ name, value })), member);
}

/** The same, with options in the order given and optionally another channel. */
export function slashCommandWithOptions(
  subcommand: string,
  options: ReadonlyArray<{ name: string; value: string | number | boolean }>,
  member: Member = MARA,
  channel?: string,
): InteractionPayload {
  const nested: OptionPayload[] = options.map(({ name, value }) => ({ name, type: optionType(value), value }));
  const extra = channel === undefined ? {} : { channel_id: channel };
  return guildInteraction(2, member, {
    guild_id: GUILD_ID,
    id: COMMAND_ID,
    name: 'ops',
    options: [{ name: subcommand, type: 1, ...(nested.length > 0 ? { options: nested } : { options: [] }) }],
    type: 1,
  }, extra);
}

/** A click on a button of a message the bot posted: type 3 MESSAGE_COMPONENT with its custom_id. */
export function buttonClick(customId: string, member: Member = MARA, messageFlags = 0): InteractionPayload {
  return guildInteraction(
    3,
    member,
    { component_type: 2, custom_id: customId },
    {
      message: {
        application_id: APPLICATION_ID,
        attachments: [],
        author: { bot: true, id: APPLICATION_ID, username: 'cinemata-ops', discriminator: '0', global_name: null, avatar: null, public_flags: 0 },
        channel_id: CHANNEL_ID,
        components: [{ type: 1, id: 1, components: [{ type: 2, id: 2, style: 2, label: 'Acknowledge', custom_id: customId }] }],
        content: '',
        edited_timestamp: null,
        embeds: [],
        flags: messageFlags,
        id: '1200000000000000999',
        mention_everyone: false,
        mention_roles: [],
        mentions: [],
        pinned: false,
        timestamp: '2026-12-04T09:00:00.000000+00:00',
        tts: false,
        type: 0,
      },
    },
  );
}

/** Typing into an option with autocomplete: type 4, the option being typed marked `focused`. */
export function autocomplete(subcommand: string, option: string, typed: string, others: Record<string, string | number> = {}, member: Member = MARA): InteractionPayload {
  const filled: OptionPayload[] = Object.entries(others).map(([name, value]) => ({ name, type: optionType(value), value }));
  return guildInteraction(4, member, {
    guild_id: GUILD_ID,
    id: COMMAND_ID,
    name: 'ops',
    options: [{ name: subcommand, type: 1, options: [...filled, { name: option, type: 3, value: typed, focused: true }] }],
    type: 1,
  });
}

/** The PING Discord sends to check an HTTP interactions endpoint. */
export function ping(): InteractionPayload {
  const { id, token } = nextIds();
  return { application_id: APPLICATION_ID, id, token, type: 1, user: undefined, version: 1 } as InteractionPayload;
}
