import { tokenize } from '../../dispatch/tokenize.js';
import { describeError } from '../../errors.js';
import type { Report } from '../../reports/report.js';
import { ACTION_ID_PREFIX } from '../../render/slack/actions.js';
import type { SlackBlock, SlackMessage } from '../../render/slack/block-kit.js';
import { SLACK_LIMITS } from '../../render/slack/block-kit.js';
import { escapeMrkdwn, formatSlackDate } from '../../render/slack/mrkdwn.js';
import { contextBlocks } from '../../render/slack/sections.js';
import { renderSlack } from '../../render/slack/slack-renderer.js';
import { renderThreadRoot } from '../../render/slack/thread-root.js';
import { renderFailure } from './format-failure.js';
import { isSlackUserId, type InteractionDeps } from './interactions.js';
import { sendAnswer } from './send-answer.js';

/** The fields of Slack's block_actions payload the adapter reads. */
export interface BlockActionsPayload {
  user: { id: string; username?: string; name?: string };
  channel?: { id: string };
  container?: { is_ephemeral?: boolean; channel_id?: string; message_ts?: string };
  message?: { ts: string; thread_ts?: string; text?: string; blocks?: SlackBlock[]; attachments?: Array<{ color?: string; blocks?: SlackBlock[] }> };
  actions?: Array<{ action_id: string; value?: string }>;
  response_url?: string;
}

/**
 * A button press: its `value` is the report action's command (`ack 3f2a`), run as the person who pressed it,
 * with the same role checks as typing it. A refusal goes to them alone. An answer to a button on a channel
 * message goes to that message's thread for everyone (who acknowledged matters to all), and the message itself
 * gains a line saying who did what. Link buttons (no command) need nothing beyond the acknowledgement.
 */
export async function answerButton(payload: BlockActionsPayload, deps: InteractionDeps): Promise<void> {
  const action = payload.actions?.[0];
  if (action === undefined || !action.action_id.startsWith(ACTION_ID_PREFIX) || action.value === undefined) return;
  const log = deps.log.child({ component: 'slack-button', user: payload.user.id, action: action.action_id });
  const [command = 'help', ...args] = tokenize(action.value);
  const channel = payload.channel?.id ?? payload.container?.channel_id;
  const groups = await deps.groups.groupsOf(payload.user.id);
  const result = await deps.dispatch({
    platform: 'slack',
    user: { id: payload.user.id, name: payload.user.username ?? payload.user.name, groups },
    channel,
    command,
    args,
  });
  const reply = payload.response_url === undefined ? undefined : deps.responseUrl(payload.response_url);
  if (!result.ok) {
    await reply?.post(renderFailure(result.error, deps.slashCommand), 'ephemeral');
    return;
  }
  const { messages } = renderSlack(result.report, { files: false, commandPrefix: `${deps.slashCommand} ` });
  const message = payload.message;
  const ephemeralAnswer = async () => {
    if (reply !== undefined) await sendAnswer({ responseUrl: reply, poster: deps.poster, channel, user: payload.user.id, log }, messages, 'ephemeral', false);
  };
  if (channel === undefined || message === undefined || payload.container?.is_ephemeral === true) return ephemeralAnswer();

  try {
    for (const m of messages) await deps.poster.post(channel, m, { threadTs: message.thread_ts ?? message.ts });
  } catch (error) {
    log.warn({ channel, error: describeError(error) }, 'cannot answer a button in its thread; answering the presser only');
    return ephemeralAnswer();
  }
  await recordPress(channel, message, trailLine(payload.user.id, action.value, result.report, deps), deps).catch((error: unknown) =>
    log.warn({ channel, error: describeError(error) }, 'cannot mark who pressed the button on the message'),
  );
}

function trailLine(userId: string, command: string, report: Report, deps: InteractionDeps): string {
  const who = isSlackUserId(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
  return `:ballot_box_with_check: ${who} ran \`${escapeMrkdwn(`${deps.slashCommand} ${command}`)}\`: ${escapeMrkdwn(report.title)} · ${formatSlackDate(deps.now())}`;
}

/** The pressed message gains the trail line: re-rendered if it started an alert thread, else appended as is. */
async function recordPress(channel: string, message: NonNullable<BlockActionsPayload['message']>, line: string, deps: InteractionDeps): Promise<void> {
  const thread = deps.threads.findByMessage(channel, message.ts);
  if (thread !== undefined) {
    const next = { ...thread, trail: [...thread.trail, line] };
    deps.threads.save(next);
    await deps.poster.update(channel, thread.ts, renderThreadRoot(next.original, next.latest, next.trail));
    return;
  }
  const note = contextBlocks([line]);
  const blocks = [...(message.blocks ?? [])];
  const attachment = message.attachments?.[0];
  const total = blocks.length + (attachment?.blocks?.length ?? 0) + note.length;
  // At Slack's block limit the line is left off: the answer itself is in the thread either way.
  if (total > SLACK_LIMITS.blocksPerMessage) return;
  const updated: SlackMessage =
    attachment?.blocks !== undefined
      ? { text: message.text ?? '', blocks, attachments: [{ color: attachment.color ?? '#DDDDDD', blocks: [...attachment.blocks, ...note] }] }
      : { text: message.text ?? '', blocks: [...blocks, ...note] };
  await deps.poster.update(channel, message.ts, updated);
}
