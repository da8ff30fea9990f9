import type { ReportAction } from '../../reports/report.js';
import { sanitizeLine } from '../sanitize.js';
import type { SlackBlock, SlackButton } from './block-kit.js';
import { SLACK_LIMITS } from './block-kit.js';
import { escapeMrkdwn, shorten } from './mrkdwn.js';
import { contextBlocks, packSections } from './sections.js';

/** Buttons carry their command in `value`; the adapter finds them by this action_id prefix. */
export const ACTION_ID_PREFIX = 'ops:';

/**
 * The report's actions as buttons, 25 to an actions block. A button that cannot hold its command or URL (longer
 * than Slack allows) is printed as text instead, and a label too long for a button is printed in full below it.
 */
export function renderActions(actions: readonly ReportAction[], commandPrefix: string): SlackBlock[] {
  const buttons: SlackButton[] = [];
  const printed: string[] = [];
  const notes: string[] = [];
  actions.forEach((action, i) => {
    const label = sanitizeLine(action.label) || action.id;
    const command = action.command === undefined ? undefined : sanitizeLine(action.command);
    const url = action.url === undefined ? undefined : sanitizeLine(action.url);
    const target = [command === undefined ? '' : `\`${escapeMrkdwn(commandPrefix + command)}\``, url === undefined ? '' : escapeMrkdwn(url)]
      .filter(Boolean)
      .join(' ');
    if ((command !== undefined && command.length > SLACK_LIMITS.buttonValue) || (url !== undefined && url.length > SLACK_LIMITS.buttonUrl)) {
      printed.push(`→ *${escapeMrkdwn(label)}*: ${target}`);
      return;
    }
    const button: SlackButton = {
      type: 'button',
      action_id: `${ACTION_ID_PREFIX}${i}:${action.id}`.slice(0, SLACK_LIMITS.actionId),
      text: { type: 'plain_text', text: shorten(label, SLACK_LIMITS.buttonText), emoji: true },
    };
    if (command !== undefined) button.value = command;
    if (url !== undefined) button.url = url;
    if (action.style === 'primary' || action.style === 'danger') button.style = action.style;
    if (button.text.text !== label) notes.push(`${escapeMrkdwn(label)}: ${target}`);
    buttons.push(button);
  });
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < buttons.length; i += SLACK_LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + SLACK_LIMITS.actionsElements) });
  }
  return [...blocks, ...packSections(printed), ...contextBlocks(notes)];
}
