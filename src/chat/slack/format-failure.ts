import type { DispatchFailure } from '../../dispatch/dispatch.js';
import type { SlackMessage } from '../../render/slack/block-kit.js';
import { escapeMrkdwn } from '../../render/slack/mrkdwn.js';
import { section } from '../../render/slack/sections.js';

const ICON: Readonly<Record<DispatchFailure['kind'], string>> = { usage: ':x:', user: ':no_entry:', internal: ':warning:' };

/**
 * A refusal or error as the ephemeral reply: the message, then the hint on its own line. Hints name the
 * terminal command (`cinemata-ops help`); in Slack the same thing is typed `/ops help`.
 */
export function renderFailure(error: DispatchFailure, slashCommand: string): SlackMessage {
  const hint = error.hint === undefined ? '' : `\n${escapeMrkdwn(error.hint.replace(/\bcinemata-ops /g, `${slashCommand} `))}`;
  const text = `${ICON[error.kind]} ${escapeMrkdwn(error.message)}${hint}`;
  return { text, blocks: [section(text)] };
}

/** The ephemeral "working…" reply of a command that takes a while; replaced by the answer when it is done. */
export function renderWorking(slashCommand: string, command: string): SlackMessage {
  const text = `:hourglass_flowing_sand: Working on \`${escapeMrkdwn(`${slashCommand} ${command}`)}\`…`;
  return { text, blocks: [section(text)] };
}
