/** Where a command came from. `cli` is a one-shot process; `console` is the running bot's prompt. */
export type Platform = 'cli' | 'console' | 'slack' | 'discord';

export interface InvocationUser {
  /** Platform user id (Slack `U0123`, Discord snowflake) or the local login name. */
  id: string;
  name?: string | undefined;
  /** Slack user-group ids or Discord role ids, for role mapping. */
  groups?: readonly string[] | undefined;
}

/** A command as any adapter hands it over: raw words, parsed against the command's options by the dispatcher. */
export interface Invocation {
  platform: Platform;
  user: InvocationUser;
  channel?: string | undefined;
  command: string;
  args: readonly string[];
}
