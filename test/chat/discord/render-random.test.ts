import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../../src/chat/discord/render-discord.js';
import type { Block, Report, Severity } from '../../../src/reports/report.js';
import { buttonTargets, firstMissingWord, limitViolations } from './message-checks.js';

/** Awkward pieces: markdown, mentions, fences, escapes, control characters, wide text, emoji, long words. */
const PIECES = ['a', 'b', ' ', ' ', '\n', '\t', '*', '_', '`', '```', '\\', '<@1>', '@everyone', '# ', '- ', '1. ', '[x](y)', '文', '🎉', '\u0000', '\u001b[31m', 'x'.repeat(40), 'word'];
const SEVERITIES: Array<Severity | undefined> = ['ok', 'info', 'warning', 'critical', undefined];

/** A seeded Lehmer generator, so a failure reproduces. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
}

function createRandomReport(random: () => number): Report {
  const int = (max: number) => Math.floor(random() * max);
  const text = (max: number): string => Array.from({ length: int(max) }, () => PIECES[int(PIECES.length)]).join('');
  const severity = () => SEVERITIES[int(SEVERITIES.length)];
  const block = (): Block => {
    switch (int(6)) {
      case 0:
        return { kind: 'text', text: text(1500) };
      case 1:
        return { kind: 'fields', fields: Array.from({ length: int(40) }, () => ({ label: text(int(10) === 0 ? 120 : 8), value: text(int(5) === 0 ? 600 : 10), severity: severity() })) };
      case 2:
        return {
          kind: 'table',
          columns: Array.from({ length: 1 + int(4) }, () => ({ label: text(6) })),
          rows: Array.from({ length: int(120) }, () => ({ cells: Array.from({ length: 1 + int(4) }, () => text(int(3) === 0 ? 30 : 6)), severity: severity() })),
          caption: int(2) === 0 ? text(40) : undefined,
        };
      case 3:
        return { kind: 'code', text: text(3000) };
      case 4:
        return { kind: 'list', items: Array.from({ length: int(60) }, () => ({ text: text(40), severity: severity() })) };
      default:
        return { kind: 'chart', series: Array.from({ length: int(4) }, () => ({ label: text(10), unit: '%', points: Array.from({ length: int(100) }, (_, i) => [i, random() * 100] as const) })) };
    }
  };
  return {
    title: text(int(4) === 0 ? 200 : 20),
    severity: severity() ?? 'ok',
    summary: text(200),
    generatedAt: 0,
    sections: Array.from({ length: int(8) }, () => ({ title: int(3) === 0 ? undefined : text(15), severity: severity(), blocks: Array.from({ length: int(4) }, block) })),
    actions: Array.from({ length: int(35) }, (_, i) => ({ id: `a${i}`, label: text(30), command: int(4) === 0 ? undefined : `cmd ${text(int(3) === 0 ? 150 : 10)}`, url: int(5) === 0 ? `https://x.org/${'p'.repeat(int(700))}` : undefined })),
    footnotes: Array.from({ length: int(30) }, () => text(120)),
  };
}

describe('renderDiscord on random input', () => {
  it('stays within every Discord limit and keeps every word and every action when report text is hostile', () => {
    const random = createRandom(7);
    for (let run = 0; run < 200; run += 1) {
      const report = createRandomReport(random);
      const { messages, buttonKeys } = renderDiscord(report);
      messages.forEach((m, i) => expect(limitViolations(m), `run ${run}, message ${i + 1}`).toEqual([]));
      expect(firstMissingWord(report, messages), `run ${run}`).toBeUndefined();
      const expected = (report.actions ?? []).flatMap((a) => [
        ...(a.url !== undefined && a.url.length <= 512 ? [a.url] : []),
        ...(a.command !== undefined ? [a.command] : []),
      ]);
      expect(buttonTargets(messages, buttonKeys), `run ${run}`).toEqual(expected);
      // Every ``` is one of the renderer's own fences, so code blocks open and close where it put them.
      for (const embed of messages.flatMap((m) => m.embeds)) {
        expect(((embed.description ?? '').match(/```/g) ?? []).length % 2, `run ${run}: unbalanced fences`).toBe(0);
      }
      // No control character reaches Discord (JSON escapes them as \u00XX; \n is written \n).
      expect(/\\u00(0[0-9a-f]|1[0-9a-f]|7f)/.test(JSON.stringify(messages)), `run ${run}: a control character was sent`).toBe(false);
    }
  });
});
