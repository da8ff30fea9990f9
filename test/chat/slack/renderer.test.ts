import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/reports/report.js';
import { renderSlack } from '../../../src/render/slack/slack-renderer.js';
import { escapeMrkdwn, splitText } from '../../../src/render/slack/mrkdwn.js';
import { renderThreadRoot } from '../../../src/render/slack/thread-root.js';
import { createSampleReport } from '../../render/sample-report.js';
import { expectNothingLost, expectWithinSlackLimits, renderedCorpus } from './content-check.js';
import { expectSlackGolden } from './golden.js';
import { overLimitReport, projectReports } from './report-fixtures.js';

describe('Slack renderer: golden Block Kit of every report the project has', async () => {
  const reports = await projectReports();
  for (const [name, report] of Object.entries(reports)) {
    it(`matches ${name}.json, within Slack's limits, with nothing lost`, () => {
      const rendering = renderSlack(report);
      expectSlackGolden(`${name}.json`, rendering);
      expectWithinSlackLimits(rendering);
      expectNothingLost(report, rendering);
    });
  }

  it('matches sample.json for the synthetic report with every block kind, severity and awkward input', () => {
    const report = createSampleReport();
    const rendering = renderSlack(report);
    expectSlackGolden('sample.json', rendering);
    expectWithinSlackLimits(rendering);
    expectNothingLost(report, rendering);
  });
});

describe('Slack renderer over the limits', () => {
  it('splits an over-limit report across messages and files, loses nothing, and matches over-limit.json', () => {
    const report = overLimitReport();
    const rendering = renderSlack(report);
    expectSlackGolden('over-limit.json', rendering);
    expectWithinSlackLimits(rendering);
    expectNothingLost(report, rendering);
    expect(rendering.messages.length).toBeGreaterThan(1);
    expect(rendering.files.map((f) => f.filename)).toEqual([
      'nightly-audit-of-media-cinemata-org-chan-1.txt',
      'nightly-audit-of-media-cinemata-org-chan-2.txt',
      'nightly-audit-of-media-cinemata-org-chan-3.txt',
    ]);
  });

  it('splits into messages only when files are not allowed (ephemeral answers), still losing nothing', () => {
    const report = overLimitReport();
    const rendering = renderSlack(report, { files: false });
    expectSlackGolden('over-limit-no-files.json', rendering);
    expectWithinSlackLimits(rendering);
    expectNothingLost(report, rendering);
    expect(rendering.files).toEqual([]);
  });

  it('heads every continuation with its part number, and says on the first that more follows', () => {
    const { messages } = renderSlack(overLimitReport(), { files: false });
    const total = messages.length;
    const first = JSON.stringify(messages[0]);
    expect(first).toContain(`(part 1 of ${total})`);
    messages.slice(1).forEach((m, i) => expect(JSON.stringify(m.blocks[0])).toContain(`continued, part ${i + 2} of ${total}`));
  });

  it('keeps the buttons on the first message, 25 to a block, and prints what a button cannot hold', () => {
    const { messages } = renderSlack(overLimitReport());
    const blocksOf = (i: number) => [...(messages[i]?.blocks ?? []), ...(messages[i]?.attachments ?? []).flatMap((a) => a.blocks)];
    const actions = blocksOf(0).filter((b) => b.type === 'actions');
    expect(actions.map((b) => (b.type === 'actions' ? b.elements.length : 0))).toEqual([25, 4]);
    for (let i = 1; i < messages.length; i++) expect(blocksOf(i).some((b) => b.type === 'actions')).toBe(false);
    const text = renderedCorpus({ messages: messages.slice(0, 1), files: [] });
    expect(text).toContain(`→ *Action 4*: \`/ops report ${'y'.repeat(2100)}\``);
    expect(text).toContain(`A button whose label is far too long for Slack ${'x'.repeat(50)}: \`/ops runbook topic-3\``);
  });

  it('escapes markup in report text so it cannot mention, link or break out of code', () => {
    const { messages } = renderSlack(overLimitReport());
    // mrkdwn is where Slack parses markup; plain_text (header, button labels) is shown as written.
    const mrkdwnTexts: string[] = [];
    JSON.stringify(messages, (_key, value: unknown) => {
      if (value !== null && typeof value === 'object' && (value as { type?: string }).type === 'mrkdwn') mrkdwnTexts.push((value as { text: string }).text);
      return value;
    });
    const all = mrkdwnTexts.join('\n');
    expect(all).not.toContain('<!channel>');
    expect(all).toContain('&lt;!channel&gt; &amp; friends');
    expect(all).not.toContain('<@U123>');
    expect(all).toContain('&lt;@U123&gt;');
    expect(messages.every((m) => !m.text.includes('<!channel>'))).toBe(true);
  });

  it('shortens a long title in the header with a visible … and gives it in full below', () => {
    const { messages } = renderSlack(overLimitReport());
    const header = messages[0]?.blocks[0];
    expect(header?.type).toBe('header');
    if (header?.type !== 'header') return;
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text.endsWith('…')).toBe(true);
    expect(JSON.stringify(messages[0]?.blocks[1])).toContain(escapeMrkdwn(overLimitReport().title));
  });
});

describe('Slack renderer on random reports', () => {
  it('stays within the limits and loses nothing, whatever the shape', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const text = (n: number) => Array.from({ length: n }, () => ['ab', 'c&d', '<x>', 'é', '文字', '\t', 'line\nbreak', '`', '*'][rand(9)]).join(rand(3) === 0 ? '' : ' ');
    for (let round = 0; round < 40; round++) {
      const report: Report = {
        title: text(rand(80) + 1),
        severity: (['ok', 'info', 'warning', 'critical'] as const)[rand(4)] ?? 'ok',
        summary: rand(2) === 0 ? undefined : text(rand(400)),
        sections: Array.from({ length: rand(6) }, () => ({
          title: rand(2) === 0 ? undefined : text(rand(20) + 1),
          blocks: Array.from({ length: rand(5) }, () => {
            switch (rand(5)) {
              case 0:
                return { kind: 'text' as const, text: text(rand(2_000)) };
              case 1:
                return { kind: 'fields' as const, fields: Array.from({ length: rand(25) }, () => ({ label: text(rand(5) + 1), value: text(rand(900)) })) };
              case 2:
                return {
                  kind: 'table' as const,
                  columns: [{ label: 'a' }, { label: 'b' }],
                  rows: Array.from({ length: rand(80) }, () => ({ cells: [text(rand(10) + 1), text(rand(60) + 1)] })),
                };
              case 3:
                return { kind: 'list' as const, items: Array.from({ length: rand(120) }, () => ({ text: text(rand(50) + 1) })) };
              default:
                return { kind: 'code' as const, text: Array.from({ length: rand(150) }, () => text(rand(30) + 1)).join('\n') };
            }
          }),
        })),
        actions: Array.from({ length: rand(30) }, (_, i) => ({ id: `a${i}`, label: text(rand(30) + 1), command: `runbook ${i}` })),
        footnotes: Array.from({ length: rand(14) }, () => text(rand(40) + 1)),
        generatedAt: 0,
      };
      for (const files of [true, false]) {
        const rendering = renderSlack(report, { files });
        expectWithinSlackLimits(rendering);
        expectNothingLost(report, rendering);
      }
    }
  });
});

describe('Slack text helpers', () => {
  it('splits long text at line breaks, then spaces, never inside an escape', () => {
    expect(splitText('aaaa\nbbbb', 6)).toEqual(['aaaa', 'bbbb']);
    expect(splitText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(splitText('xxxxx&amp;yyy', 7)).toEqual(['xxxxx', '&amp;yy', 'y']);
    expect(splitText('', 5)).toEqual(['']);
  });
});

describe('the first message of an alert thread', () => {
  it('shows the latest status, the latest buttons (none once resolved) and who pressed what', () => {
    const firing: Report = {
      title: 'CRITICAL: Disk /srv/media is 96% full',
      severity: 'critical',
      sections: [{ blocks: [{ kind: 'fields', fields: [{ label: 'Value', value: '96 %' }] }] }],
      actions: [{ id: 'ack', label: 'Acknowledge', command: 'ack c0ffee12' }],
      generatedAt: Date.UTC(2026, 11, 4, 9, 0, 0),
    };
    const resolved: Report = { title: 'RESOLVED: Disk /srv/media is 96% full', severity: 'ok', sections: [], generatedAt: Date.UTC(2026, 11, 4, 9, 40, 0) };
    const root = renderThreadRoot(firing, resolved, [':ballot_box_with_check: <@U0OPERATOR> ran `/ops ack c0ffee12`: Acknowledged 1 alert']);
    expectSlackGolden('thread-root-resolved.json', root);
    const json = JSON.stringify(root);
    expect(json).toContain('*Now:* RESOLVED: Disk /srv/media is 96% full');
    expect(json).not.toContain('"type":"actions"');
    expect(json).toContain('#2EB67D');
  });
});
