import type { DispatchResult } from '../../dispatch/dispatch.js';
import type { Report } from '../../reports/report.js';
import { renderJson } from '../../render/json.js';
import { renderSlack } from '../../render/slack/slack-renderer.js';
import { describeError } from '../../errors.js';
import { renderFailure, renderWorking } from './format-failure.js';
import type { InteractionDeps } from './interactions.js';
import { parseCommandText } from './parse-command-text.js';
import type { Visibility } from './response-url.js';
import { sendAnswer } from './send-answer.js';

/** The fields of Slack's slash-command payload the adapter reads. */
export interface SlashCommandPayload {
  text?: string;
  user_id: string;
  user_name?: string;
  channel_id?: string;
  response_url: string;
}

/**
 * Answers one `/ops …` after it has been acknowledged: runs it as the Slack user (with the user groups that map
 * to roles), answers to the caller only unless `--public`, and shows "working…" when it takes a while. Errors and
 * refusals are always ephemeral.
 */
export async function answerSlashCommand(payload: SlashCommandPayload, deps: InteractionDeps): Promise<void> {
  const log = deps.log.child({ component: 'slack-command', user: payload.user_id });
  const parsed = parseCommandText(payload.text ?? '');
  const visibility: Visibility = parsed.public ? 'in_channel' : 'ephemeral';
  const reply = deps.responseUrl(payload.response_url);
  let working: Promise<boolean> | undefined;
  const timer = setTimeout(() => {
    working = reply.post(renderWorking(deps.slashCommand, parsed.command), visibility).then(
      () => true,
      (error: unknown) => {
        log.warn({ error: describeError(error) }, 'cannot post the working… reply');
        return false;
      },
    );
  }, deps.progressAfterMs);
  let result: DispatchResult;
  try {
    const groups = await deps.groups.groupsOf(payload.user_id);
    result = await deps.dispatch({
      platform: 'slack',
      user: { id: payload.user_id, name: payload.user_name, groups },
      channel: payload.channel_id,
      command: parsed.command,
      args: parsed.args,
    });
  } finally {
    clearTimeout(timer);
  }
  const workingShown = working === undefined ? false : await working;

  if (!result.ok) {
    // An ephemeral reply cannot replace an in-channel one: delete the public "working…" first.
    if (workingShown && visibility === 'in_channel') await reply.deleteOriginal().catch(() => undefined);
    await reply.post(renderFailure(result.error, deps.slashCommand), 'ephemeral', { replaceOriginal: workingShown && visibility === 'ephemeral' });
    return;
  }
  const report = parsed.json ? asJsonReport(result.report) : result.report;
  // No files: a reply may be ephemeral, and Slack has no ephemeral files; long answers are split instead.
  const { messages } = renderSlack(report, { files: false, commandPrefix: `${deps.slashCommand} ` });
  await sendAnswer({ responseUrl: reply, poster: deps.poster, channel: payload.channel_id, user: payload.user_id, log }, messages, visibility, workingShown);
}

function asJsonReport(report: Report): Report {
  return {
    title: `${report.title} (JSON)`,
    severity: report.severity,
    sections: [{ blocks: [{ kind: 'code', text: renderJson(report) }] }],
    generatedAt: report.generatedAt,
  };
}
