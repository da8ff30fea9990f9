import { parseConsoleWords } from '../console/parse-line.js';
import { tokenize } from '../../dispatch/tokenize.js';
import type { Invocation, InvocationUser } from '../../dispatch/invocation.js';
import { PUBLIC_OPTION, RUN_SUBCOMMAND } from './command-definitions.js';
import { EPHEMERAL } from './limits.js';

/** Interaction types and callback types the adapter handles (receiving-and-responding.mdx). */
export const INTERACTION = { ping: 1, command: 2, component: 3, autocomplete: 4, modalSubmit: 5 } as const;
export const CALLBACK = { pong: 1, message: 4, deferMessage: 5, autocompleteResult: 8 } as const;
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

/** One option as Discord sends it: subcommands nest their options; `focused` marks what autocomplete is for. */
export interface OptionPayload {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  options?: OptionPayload[] | undefined;
  focused?: boolean | undefined;
}

export interface UserPayload {
  id: string;
  username?: string | undefined;
  global_name?: string | null | undefined;
}

/**
 * The fields of an interaction this adapter reads. Payloads carry many more (version, locale, app_permissions,
 * entitlements, context …); they pass through untouched. Anything read is checked, since over the HTTP endpoint
 * the payload is only as good as its signature.
 */
export interface InteractionPayload {
  id: string;
  application_id: string;
  type: number;
  token: string;
  data?: { name?: string; type?: number; options?: OptionPayload[]; custom_id?: string; component_type?: number } | undefined;
  guild_id?: string | undefined;
  channel_id?: string | undefined;
  channel?: { id: string } | undefined;
  /** In a server: the member, with role ids. */
  member?: { user?: UserPayload; roles?: string[]; nick?: string | null } | undefined;
  /** In a DM. */
  user?: UserPayload | undefined;
  /** On a button click: the message the button is on (its flags say whether only the clicker sees it). */
  message?: { id?: string; flags?: number } | undefined;
}

/** Who sees the answer: the one who asked only, or everyone in the channel. */
export type Visibility = 'ephemeral' | 'public';

export function isInteractionPayload(value: unknown): value is InteractionPayload {
  const v = value as Partial<InteractionPayload> | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.token === 'string' && typeof v.type === 'number' && typeof v.application_id === 'string';
}

/** Whoever acted: user id, a display name, and in a server their role ids (the `discord-role:` groups). */
export function interactionUser(interaction: InteractionPayload): InvocationUser {
  const user = interaction.member?.user ?? interaction.user;
  const name = interaction.member?.nick ?? user?.global_name ?? user?.username;
  const roles = (interaction.member?.roles ?? []).filter((r): r is string => typeof r === 'string');
  return { id: user?.id ?? 'unknown', name: name ?? undefined, groups: roles };
}

export function interactionChannel(interaction: InteractionPayload): string | undefined {
  return interaction.channel_id ?? interaction.channel?.id;
}

/** The subcommand and its options, looking through a subcommand group if one is ever used. */
export function selectedSubcommand(options: readonly OptionPayload[] | undefined): { name: string; options: OptionPayload[] } | undefined {
  const first = options?.[0];
  if (first === undefined) return undefined;
  if (first.type === SUBCOMMAND_GROUP) return selectedSubcommand(first.options);
  if (first.type === SUBCOMMAND) return { name: first.name, options: first.options ?? [] };
  return undefined;
}

/**
 * A slash command as the neutral invocation: `/ops slow-queries limit:5 by:mean` becomes `slow-queries` with
 * `--limit 5 --by mean`, a boolean `--flag` or `--no-flag`, so the dispatcher's parser checks typed options
 * exactly as it checks typed words. `/ops run line:…` is split like a terminal line. `public:true` (or
 * `--public` in a line) asks for the answer in the channel; by default only the caller sees it.
 */
export function commandRequest(interaction: InteractionPayload): { invocation: Invocation; visibility: Visibility } {
  const base = { platform: 'discord' as const, user: interactionUser(interaction), channel: interactionChannel(interaction) };
  const sub = selectedSubcommand(interaction.data?.options);
  const isPublic = sub?.options.some((o) => o.name === PUBLIC_OPTION && o.value === true) ?? false;
  const visibility: Visibility = isPublic ? 'public' : 'ephemeral';
  if (sub === undefined) return { invocation: { ...base, command: '', args: [] }, visibility };
  if (sub.name === RUN_SUBCOMMAND) {
    const line = sub.options.find((o) => o.name === 'line')?.value;
    const words = tokenize(typeof line === 'string' ? line : '');
    const parsed = lineInvocation(words.filter((w) => w !== '--public'));
    return { invocation: { ...base, ...parsed }, visibility: isPublic || words.includes('--public') ? 'public' : 'ephemeral' };
  }
  const args: string[] = [];
  for (const option of sub.options) {
    if (option.value === undefined || option.name === PUBLIC_OPTION) continue;
    if (typeof option.value === 'boolean') args.push(option.value ? `--${option.name}` : `--no-${option.name}`);
    else args.push(`--${option.name}`, String(option.value));
  }
  return { invocation: { ...base, command: sub.name, args }, visibility };
}

/** A command line (a button's command, `/ops run`) as command and words; `--json` means nothing in chat. */
export function lineInvocation(line: string | readonly string[]): { command: string; args: string[] } {
  const parsed = parseConsoleWords(typeof line === 'string' ? tokenize(line) : line);
  return { command: parsed.command, args: parsed.args };
}

/** A button answers as its message does: privately under a private message, in the channel otherwise. */
export function buttonVisibility(interaction: InteractionPayload): Visibility {
  return ((interaction.message?.flags ?? 0) & EPHEMERAL) !== 0 ? 'ephemeral' : 'public';
}

/** The option autocomplete is asking about, and what the user has typed into it so far. */
export function focusedOption(options: readonly OptionPayload[] | undefined): { subcommand: string; option: string; typed: string } | undefined {
  const sub = selectedSubcommand(options);
  const focused = sub?.options.find((o) => o.focused);
  if (sub === undefined || focused === undefined) return undefined;
  return { subcommand: sub.name, option: focused.name, typed: focused.value === undefined ? '' : String(focused.value) };
}
