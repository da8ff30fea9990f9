import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/reports/report.js';
import { stripAnsi, visibleWidth } from '../../src/render/ansi.js';
import { renderTerminal } from '../../src/render/terminal.js';

/** Pieces chosen to hit the awkward cases: escapes, C1, CR, tabs, wide, emoji, combining marks, long words. */
const PIECES = ['a', 'b', ' ', ' ', '\u001b', '[', '3', 'm', '\n', '\t', '\r', '文', '🎉', 'é', '\u0301', '\u009b', '…', 'x'.repeat(18)];

/** A seeded Lehmer generator, so a failure reproduces. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
}

function createRandomReport(random: () => number): Report {
  const text = (max: number): string =>
    Array.from({ length: Math.floor(random() * max) }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
  const points = Array.from({ length: Math.floor(random() * 300) }, (_, i) => [i, random() * 100] as const);
  return {
    title: text(60),
    severity: 'warning',
    summary: text(80),
    generatedAt: 0,
    sections: [
      {
        title: text(20),
        severity: 'ok',
        blocks: [
          { kind: 'text', text: text(200) },
          { kind: 'fields', fields: [{ label: text(30), value: text(90), severity: 'critical' }, { label: text(5), value: text(5) }] },
          {
            kind: 'table',
            columns: [{ label: text(10) }, { label: text(10), align: 'right' }],
            rows: [{ cells: [text(50), text(50), text(10)], severity: 'info' }, { cells: [text(5)] }],
            caption: text(50),
          },
          { kind: 'chart', series: [{ label: text(30), unit: text(4), points }] },
          { kind: 'list', items: [{ text: text(100), severity: 'warning' }, { text: text(10) }] },
        ],
      },
    ],
    footnotes: [text(100)],
  };
}

describe('renderTerminal on random input', () => {
  it('keeps every line within the width and free of control characters when report text is hostile', () => {
    const random = createRandom(1);
    for (let run = 0; run < 200; run += 1) {
      const report = createRandomReport(random);
      const width = 20 + Math.floor(random() * 100);
      for (const color of [false, true]) {
        const out = renderTerminal(report, { color, width });
        if (!color) expect(out).not.toContain('\u001b');
        expect(stripAnsi(out)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
        const tooWide = out.split('\n').filter((line) => visibleWidth(line) > width);
        expect(tooWide, `run ${run}, width ${width}`).toEqual([]);
      }
    }
  });
});
