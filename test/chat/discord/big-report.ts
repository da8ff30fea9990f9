import type { Report } from '../../../src/reports/report.js';

const AT = Date.UTC(2026, 11, 4, 9, 0, 0);

/** Deterministic filler: numbered words, so any lost or reordered piece shows in an assertion. */
function words(prefix: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(' ');
}

/**
 * A report over every Discord limit at once: a title over 256, text over 4,096, a field value over 1,024, a label
 * over 256, 60 fields, a 300-row table, code over 4,096, a line longer than any description, 31 actions (one
 * with a command over 100 characters, two with the same command, a link over 512), and footnotes over 2,048.
 */
export function createOverLimitReport(): Report {
  return {
    title: `Incident digest ${'x'.repeat(300)} end-of-title`,
    severity: 'critical',
    summary: 'Everything at once, to prove the Discord renderer splits instead of cutting.',
    generatedAt: AT,
    sections: [
      {
        title: 'Long text',
        severity: 'warning',
        blocks: [
          { kind: 'text', text: Array.from({ length: 12 }, (_, p) => words(`p${p}w`, 90)).join('\n') },
          { kind: 'text', text: `one-line-${'z'.repeat(5000)}-end` },
        ],
      },
      {
        title: 'Many fields',
        blocks: [
          {
            kind: 'fields',
            fields: [
              ...Array.from({ length: 60 }, (_, i) => ({ label: `metric ${i}`, value: `value ${i}`, severity: i % 7 === 0 ? ('critical' as const) : undefined })),
              { label: 'long value', value: words('v', 400) },
              { label: `label ${'L'.repeat(300)} end-of-label`, value: 'short' },
            ],
          },
        ],
      },
      {
        title: 'Big table',
        severity: 'info',
        blocks: [
          {
            kind: 'table',
            columns: [{ label: 'id' }, { label: 'state' }, { label: 'age', align: 'right' }],
            rows: Array.from({ length: 300 }, (_, i) => ({ cells: [`job-${i}`, i % 3 === 0 ? 'failed' : 'ok', `${i}s`], severity: i % 3 === 0 ? ('critical' as const) : undefined })),
            caption: 'All 300 jobs of the night.',
          },
        ],
      },
      { title: 'Log', blocks: [{ kind: 'code', text: Array.from({ length: 250 }, (_, i) => `line ${i}: ERROR worker lost \`\`\` fence`).join('\n') }] },
    ],
    actions: [
      ...Array.from({ length: 27 }, (_, i) => ({ id: `ack-${i}`, label: `Acknowledge ${i}`, command: `ack alert-${i}` })),
      { id: 'dup-a', label: 'Silence 1h', style: 'danger' as const, command: 'silence alertname=DiskFull 1h "night"' },
      { id: 'dup-b', label: 'Silence 1h again', style: 'danger' as const, command: 'silence alertname=DiskFull 1h "night"' },
      { id: 'long', label: `Silence with a long reason ${'r'.repeat(100)}`, command: `silence alertname=EncodingFailures 2h "${'a very long reason '.repeat(8)}"` },
      { id: 'link', label: 'Runbook (long link)', url: `https://ops.cinemata.org/runbooks/disk-full?${'q=1&'.repeat(150)}` },
    ],
    footnotes: Array.from({ length: 40 }, (_, i) => `Footnote ${i}: ${words(`f${i}w`, 12)}`),
  };
}
