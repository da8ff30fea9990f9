import type { Logger } from 'pino';
import type { DispatchResult } from '../../dispatch/dispatch.js';
import type { Invocation } from '../../dispatch/invocation.js';
import type { ChannelPoster } from './channel-poster.js';
import type { ResponseUrl } from './response-url.js';
import type { ThreadBook } from './thread-book.js';
import type { UserGroupResolver } from './user-groups.js';

/** What the command and button handlers need; assembled by slack-adapter.ts. */
export interface InteractionDeps {
  dispatch(invocation: Invocation): Promise<DispatchResult>;
  groups: UserGroupResolver;
  poster: ChannelPoster;
  threads: ThreadBook;
  responseUrl(url: string): ResponseUrl;
  log: Logger;
  now(): number;
  /** The slash command as typed, `/ops`. */
  slashCommand: string;
  /** A command still running after this long gets a "working…" reply that its answer replaces. */
  progressAfterMs: number;
}

/** Slack user ids (`U0123ABC`, `W0123ABC` on Enterprise Grid): checked before they go into a `<@…>` mention. */
export function isSlackUserId(id: string): boolean {
  return /^[UW][A-Z0-9]{2,20}$/.test(id);
}
