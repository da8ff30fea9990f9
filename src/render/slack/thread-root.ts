import type { Report } from '../../reports/report.js';
import { sanitizeLine } from '../sanitize.js';
import type { SlackMessage } from './block-kit.js';
import { escapeMrkdwn, formatSlackDate, SEVERITY_EMOJI } from './mrkdwn.js';
import { renderSlack } from './slack-renderer.js';

/**
 * The first message of an alert's conversation as it should read now: the original report, under a status line
 * naming the latest update (resolved, still firing …), with the latest report's buttons (none once resolved) and
 * the trail of who pressed what. Its colour and emoji follow the latest severity.
 */
export function renderThreadRoot(original: Report, latest: Report | undefined, trail: readonly string[]): SlackMessage {
  const current = latest ?? original;
  const status =
    latest === undefined
      ? []
      : [`${SEVERITY_EMOJI[latest.severity]} *Now:* ${escapeMrkdwn(sanitizeLine(latest.title))} · ${formatSlackDate(latest.generatedAt)} · details in the thread`];
  const report: Report = { ...original, severity: current.severity, actions: current.actions };
  const [first] = renderSlack(report, { status, trail }).messages;
  return first as SlackMessage;
}
