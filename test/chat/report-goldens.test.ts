import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../src/chat/discord/render-discord.js';
import { renderSlack } from '../../src/render/slack/slack-renderer.js';
import { expectDiscordGolden } from './discord/golden.js';
import { firstMissingWord, limitViolations } from './discord/message-checks.js';
import { expectNothingLost, expectWithinSlackLimits } from './slack/content-check.js';
import { expectSlackGolden } from './slack/golden.js';
import { locksReport, sampleReports } from './support/report-samples.js';
import { moreSampleReports } from './support/report-samples-more.js';

// Golden files of every report type built by the real builders, for both chat platforms.
describe('golden renderings of every report type', () => {
  for (const [name, report] of Object.entries({ ...sampleReports(), ...moreSampleReports() })) {
    it(`${name}: matches reports/${name}.json on Slack and Discord, within limits, with nothing lost`, () => {
      const slack = renderSlack(report);
      expectSlackGolden(`reports/${name}.json`, slack);
      expectWithinSlackLimits(slack);
      expectNothingLost(report, slack);

      const discord = renderDiscord(report);
      expectDiscordGolden(`reports/${name}.json`, discord);
      discord.messages.forEach((m, i) => expect(limitViolations(m), `${name} message ${i + 1}`).toEqual([]));
      expect(firstMissingWord(report, discord.messages), name).toBeUndefined();
    });
  }
});

describe('an over-limit report from a real builder', () => {
  const report = locksReport(300);

  it('splits the locks report with 300 waiting sessions on Slack, with and without files, losing nothing', () => {
    for (const files of [true, false]) {
      const slack = renderSlack(report, { files });
      expectSlackGolden(`reports/locks-300${files ? '' : '-no-files'}.json`, slack);
      expectWithinSlackLimits(slack);
      expectNothingLost(report, slack);
      if (!files) expect(slack.files).toEqual([]);
      expect(slack.messages.length + slack.files.length).toBeGreaterThan(1);
    }
  });

  it('splits the locks report with 300 waiting sessions across Discord messages marked part i of n', () => {
    const discord = renderDiscord(report);
    expectDiscordGolden('reports/locks-300.json', discord);
    const { messages } = discord;
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach((m, i) => {
      expect(limitViolations(m), `message ${i + 1}`).toEqual([]);
      expect(m.content).toMatch(new RegExp(`\\(part ${i + 1} of ${messages.length}\\)$`));
    });
    expect(firstMissingWord(report, messages)).toBeUndefined();
  });
});
