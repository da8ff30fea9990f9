import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../src/chat/discord/render-discord.js';
import { renderSlack } from '../../src/render/slack/slack-renderer.js';
import { expectDiscordGolden } from './discord/golden.js';
import { firstMissingWord, limitViolations } from './discord/message-checks.js';
import { expectNothingLost, expectWithinSlackLimits } from './slack/content-check.js';
import { expectSlackGolden } from './slack/golden.js';
import { moreSampleReports } from './support/report-samples-more.js';

// Golden files of the report types report-goldens.test.ts does not cover: statements, EXPLAIN, alert commands, overview.
describe('golden renderings of the remaining report types', () => {
  for (const [name, report] of Object.entries(moreSampleReports())) {
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
