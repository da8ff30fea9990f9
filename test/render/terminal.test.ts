import { describe, expect, it } from 'vitest';
import type { Block, Report } from '../../src/reports/report.js';
import { stripAnsi, visibleWidth } from '../../src/render/ansi.js';
import { renderTerminal, shouldUseColor } from '../../src/render/terminal.js';
import { GENERATED_AT, createSampleReport } from './sample-report.js';

const ESC = '\u001b';

function reportWith(blocks: Block[], extra: Partial<Report> = {}): Report {
  return { title: 'T', severity: 'info', sections: [{ blocks }], generatedAt: GENERATED_AT, ...extra };
}

/** The lines of a rendered table: from the line holding `header` to the line before the one holding `after`. */
function sliceLines(out: string, header: string, after: string): string[] {
  const lines = out.split('\n');
  const from = lines.findIndex((l) => l.includes(header));
  return lines.slice(from, lines.findIndex((l, i) => i > from && l.includes(after)));
}

describe('renderTerminal colour', () => {
  it('emits no ESC byte when color is false, even when report text holds escapes', () => {
    const out = renderTerminal(createSampleReport(), { color: false });
    expect(out).not.toContain(ESC);
  });

  it('emits red, yellow, green, bold and dim codes when color is true', () => {
    const out = renderTerminal(createSampleReport(), { color: true });
    for (const code of ['31', '33', '32', '1', '2']) expect(out).toMatch(new RegExp(`\\u001b\\[(?:\\d+;)*${code}[;m]`));
  });

  it('lays out exactly the same text when colour is stripped again', () => {
    const report = createSampleReport();
    expect(stripAnsi(renderTerminal(report, { color: true, width: 60 }))).toBe(renderTerminal(report, { color: false, width: 60 }));
  });
});

describe('renderTerminal layout', () => {
  it('starts with the severity badge and title, then the summary', () => {
    const [first, second] = renderTerminal(createSampleReport(), { color: false }).split('\n');
    expect(first).toBe('[CRITICAL] Morning digest for media.cinemata.org');
    expect(second).toMatch(/^Disk on \/srv\/media/);
  });

  it('keeps every line within the width except actions and verbatim code when the width is 60', () => {
    const out = renderTerminal(createSampleReport(), { color: false, width: 60 });
    const long = out.split('\n').filter((l) => visibleWidth(l) > 60);
    expect(long.every((l) => l.startsWith('→ ') || l.startsWith('    '))).toBe(true);
  });

  it('aligns table columns with colour on exactly as without it', () => {
    const coloured = sliceLines(stripAnsi(renderTerminal(createSampleReport(), { color: true, width: 60 })), 'Media', 'Last 24 hours');
    const plain = sliceLines(renderTerminal(createSampleReport(), { color: false, width: 60 }), 'Media', 'Last 24 hours');
    expect(coloured.length).toBe(5);
    expect(coloured).toEqual(plain);
  });

  it('leaves no trailing spaces after the last column', () => {
    const out = renderTerminal(createSampleReport(), { color: true, width: 100 });
    expect(stripAnsi(out).split('\n').filter((line) => / $/.test(line))).toEqual([]);
  });

  it('right-aligns a column when its align is right', () => {
    const block: Block = {
      kind: 'table',
      columns: [{ label: 'Queue' }, { label: 'Tasks', align: 'right' }],
      rows: [{ cells: ['encode', '1204'] }, { cells: ['short_tasks', '3'] }],
    };
    const lines = renderTerminal(reportWith([block]), { color: false }).split('\n');
    expect(lines).toContain('encode        1204');
    expect(lines).toContain('short_tasks      3');
  });

  it('cuts cells with … when the table is wider than the terminal', () => {
    const block: Block = { kind: 'table', columns: [{ label: 'Log line' }], rows: [{ cells: ['x'.repeat(200)] }] };
    const lines = renderTerminal(reportWith([block]), { color: false, width: 40 }).split('\n');
    const row = lines.find((l) => l.startsWith('xxx'));
    expect(row).toBe(`${'x'.repeat(39)}…`);
  });

  it('strips control characters when a table cell holds them', () => {
    const block: Block = { kind: 'table', columns: [{ label: 'Process' }], rows: [{ cells: [`evil${ESC}]0;pwned\u0007\r\u0008name`] }] };
    const out = renderTerminal(reportWith([block]), { color: true });
    expect(stripAnsi(out)).toContain('evilname');
    expect(out).not.toContain('pwned');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f]/);
  });

  it('prints (none) and the caption when a table has no rows', () => {
    const block: Block = { kind: 'table', columns: [{ label: 'Alert' }], rows: [], caption: 'No silences.' };
    expect(renderTerminal(reportWith([block]), { color: false })).toContain('(none)\nNo silences.');
  });

  it('pads field labels to the longest label in the block', () => {
    const block: Block = { kind: 'fields', fields: [{ label: 'CPU', value: '3 %' }, { label: 'Memory', value: '1 GiB' }] };
    expect(renderTerminal(reportWith([block]), { color: false })).toContain('CPU     3 %\nMemory  1 GiB');
  });

  it('prints a chart line with sparkline and min, max and last in the unit', () => {
    const block: Block = { kind: 'chart', series: [{ label: 'p95', unit: 'ms', points: [[1, 10], [2, 20], [3, 15]] }] };
    expect(renderTerminal(reportWith([block]), { color: false })).toContain('p95  ▁█▅  min 10 ms  max 20 ms  last 15 ms');
  });

  it('lists actions as commands to type with the CLI prefix, and links as they are', () => {
    const out = renderTerminal(createSampleReport(), { color: false });
    expect(out).toContain('→ Acknowledge: cinemata-ops ack 3f2a');
    expect(out).toContain('→ Disk runbook: https://ops.cinemata.org/runbooks/disk-full');
    expect(renderTerminal(createSampleReport(), { color: false, commandPrefix: '' })).toContain('→ Acknowledge: ack 3f2a');
  });

  it('ends with the dimmed footnotes when colour is on', () => {
    const out = renderTerminal(createSampleReport(), { color: true });
    expect(out.endsWith(`${ESC}[2mTimes are UTC.${ESC}[22m`)).toBe(true);
  });

  it('says how old the report is when now is given', () => {
    const out = renderTerminal(reportWith([]), { color: false, now: GENERATED_AT + 5 * 60_000 });
    expect(out).toContain('generated 2025-01-14 06:00:00 UTC (5 min ago)');
  });

  it('falls back to the minimum width when the width is absurd', () => {
    expect(() => renderTerminal(createSampleReport(), { color: false, width: 0 })).not.toThrow();
    expect(() => renderTerminal(createSampleReport(), { color: false, width: Number.NaN })).not.toThrow();
  });
});

describe('shouldUseColor', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  it('follows the stream when no variable is set', () => {
    expect(shouldUseColor(tty, {})).toBe(true);
    expect(shouldUseColor(pipe, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
  });

  it('disables colour when NO_COLOR has any non-empty value, even with FORCE_COLOR', () => {
    expect(shouldUseColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: 'false' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });

  it('ignores NO_COLOR when it is empty', () => {
    expect(shouldUseColor(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('enables colour when FORCE_COLOR is 1 or true and the stream is not a TTY', () => {
    expect(shouldUseColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor(pipe, { FORCE_COLOR: 'true' })).toBe(true);
  });

  it('disables colour when FORCE_COLOR is 0 or false on a TTY', () => {
    expect(shouldUseColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldUseColor(tty, { FORCE_COLOR: 'false' })).toBe(false);
  });

  it('disables colour when TERM is dumb', () => {
    expect(shouldUseColor(tty, { TERM: 'dumb' })).toBe(false);
  });
});
