import type { Logger } from 'pino';
import { describeError } from '../../errors.js';
import type { SlackMessage } from '../../render/slack/block-kit.js';
import { section } from '../../render/slack/sections.js';
import type { ChannelPoster } from './channel-poster.js';
import type { ResponseUrl, Visibility } from './response-url.js';

export interface AnswerTarget {
  responseUrl: ResponseUrl;
  poster: ChannelPoster;
  channel: string | undefined;
  user: string;
  log: Logger;
}

/**
 * An answer of one or more messages through the response_url (the first one replacing the "working…" reply when
 * asked). A response_url takes five messages; past that, the rest go by chat.postEphemeral or chat.postMessage,
 * which need the bot in the channel. If those fail as well, the last response_url use says how many parts are
 * missing and how to get them: an answer is never cut without a word.
 */
export async function sendAnswer(target: AnswerTarget, messages: readonly SlackMessage[], visibility: Visibility, replaceFirst: boolean): Promise<void> {
  const budget = target.responseUrl.remaining();
  const viaUrl = messages.length <= budget ? messages.length : Math.max(0, budget - 1);
  for (let i = 0; i < viaUrl; i++) {
    await target.responseUrl.post(messages[i] as SlackMessage, visibility, { replaceOriginal: replaceFirst && i === 0 });
  }
  const rest = messages.slice(viaUrl);
  let shown = 0;
  if (target.channel !== undefined) {
    for (const message of rest) {
      try {
        if (visibility === 'in_channel') await target.poster.post(target.channel, message);
        else await target.poster.postEphemeral(target.channel, target.user, message);
        shown++;
      } catch (error) {
        target.log.warn({ channel: target.channel, error: describeError(error) }, 'cannot post the rest of a long answer');
        break;
      }
    }
  }
  const missing = rest.length - shown;
  if (missing === 0) return;
  const text =
    `:warning: This answer has ${messages.length} parts and ${missing} of them could not be shown here: Slack allows five replies to one ` +
    'command, and the bot cannot post the rest in this conversation. Invite the bot to the channel and ask again, or ask in a channel it is in.';
  if (target.responseUrl.remaining() > 0) await target.responseUrl.post({ text, blocks: [section(text)] }, 'ephemeral');
  else target.log.warn({ missing }, 'a long answer could not be shown in full and no reply is left to say so');
}
