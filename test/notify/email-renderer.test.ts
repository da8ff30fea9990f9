import { describe, expect, it } from 'vitest';
import { createEmailRenderer, renderEmail } from '../../src/notify/email/email-renderer.js';
import type { Report } from '../../src/reports/report.js';

const hostile = '<img src=x onerror="alert(1)"> & \u001b[31mred\u001b[0m \u202Eevil';

function report(overrides: Partial<Report> = {}): Report {
  return {
    title: 'disk / 96% full',
    severity: 'critical',
    summary: 'Firing for 5m and not acknowledged.',
    sections: [
      { blocks: [{ kind: 'fields', fields: [{ label: 'Current value', value: '96.2' }, { label: 'Labels', value: hostile, severity: 'warning' }] }] },
      { title: 'Runbook', blocks: [{ kind: 'text', text: 'Line one\nline two\n\nNew paragraph' }, { kind: 'code', text: 'df -h /\n' }] },
      {
        title: 'Top processes',
        severity: 'warning',
        blocks: [
          { kind: 'table', columns: [{ label: 'process' }, { label: 'cpu', align: 'right' }], rows: [{ cells: ['ffmpeg', '90%'], severity: 'critical' }, { cells: [hostile, '1%'] }], caption: 'by CPU' },
          { kind: 'list', items: [{ text: 'check the encoding backlog', severity: 'warning' }] },
          { kind: 'chart', series: [{ label: 'disk', unit: '%', points: [[0, 90], [60_000, 93], [120_000, 96]] }] },
        ],
      },
    ],
    actions: [
      { id: 'ack', label: 'Acknowledge', style: 'primary', url: 'https://ops.example.org/ack?token=abc.def' },
      { id: 'evil', label: 'Click', url: 'javascript:alert(1)' },
      { id: 'silence', label: 'Silence', command: 'silence disk-full 1h' },
    ],
    footnotes: ['The acknowledge link works until tomorrow.'],
    generatedAt: Date.UTC(2026, 11, 4, 9, 5),
    ...overrides,
  };
}

describe('email renderer', () => {
  it('puts the severity and title in the subject, with the product name', () => {
    expect(renderEmail(report()).subject).toBe('[CRITICAL] disk / 96% full — cinemata-ops');
    expect(renderEmail(report({ severity: 'ok', title: 'all good' }), { product: 'ops' }).subject).toBe('[OK] all good — ops');
  });

  it('keeps the subject on one line and shortens a very long title visibly', () => {
    const subject = renderEmail(report({ title: `line\nbreak ${'x'.repeat(300)}` })).subject;
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toMatch(/^\[CRITICAL\] line break x+… — cinemata-ops$/);
    expect(subject.length).toBeLessThan(200);
  });

  it('escapes every piece of report text in the HTML part', () => {
    const { html } = renderEmail(report({ title: hostile }));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp;');
    expect(html).not.toMatch(/[\u001b\u202e]/);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<strong>Click</strong>');
  });

  it('renders every block kind in HTML with severity in words and glyphs, not only colour', () => {
    const { html } = renderEmail(report());
    expect(html).toContain('✗ CRITICAL');
    expect(html).toContain('<h2 style="margin:20px 0 8px;font-size:16px"><span style="color:#9a6700">▲ </span>Top processes</h2>');
    expect(html).toContain('Line one<br>line two</p>');
    expect(html).toContain('New paragraph');
    expect(html).toMatch(/<pre[^>]*>df -h \/<\/pre>/);
    expect(html).toContain('<th style="padding:4px 12px 4px 0;vertical-align:top;text-align:right;border-bottom:1px solid #d1d9e0">cpu</th>');
    expect(html).toContain('✗ ffmpeg');
    expect(html).toContain('by CPU');
    expect(html).toContain('<li>▲ check the encoding backlog</li>');
    expect(html).toMatch(/disk\s+▁▅█\s+min 90 %\s+max 96 %/);
    expect(html).toContain('href="https://ops.example.org/ack?token=abc.def"');
    expect(html).toContain('<code>/ops silence disk-full 1h</code>');
    expect(html).toContain('Generated 2026-12-04 09:05 UTC.');
    expect(html).toContain('The acknowledge link works until tomorrow.');
  });

  it('gives a plain-text part with the same content and links that are never wrapped', () => {
    const { text } = renderEmail(report());
    expect(text).toContain('[CRITICAL] disk / 96% full');
    expect(text).toContain('Current value  96.2');
    expect(text).toContain('→ Acknowledge: https://ops.example.org/ack?token=abc.def');
    expect(text).toContain('→ Silence: /ops silence disk-full 1h');
    expect(text).not.toContain('\u001b');
    expect(text.split('\n').filter((line) => !line.includes('http')).every((line) => line.length <= 78)).toBe(true);
  });

  it('renders the same email for the same report', () => {
    const renderer = createEmailRenderer();
    expect(renderer.id).toBe('email');
    expect(renderer.render(report())).toEqual(renderEmail(report()));
  });
});
