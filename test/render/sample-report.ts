import type { Report } from '../../src/reports/report.js';

export const GENERATED_AT = Date.UTC(2025, 0, 14, 6, 0, 0);
const MINUTE = 60_000;

/** `count` points a minute apart ending at GENERATED_AT, shaped by `shape(i)`. */
function makePoints(count: number, shape: (i: number) => number): Array<readonly [number, number]> {
  return Array.from({ length: count }, (_, i) => [GENERATED_AT - (count - 1 - i) * MINUTE, shape(i)] as const);
}

/** A morning digest that uses every block kind, every severity and the awkward inputs renderers must survive. */
export function createSampleReport(): Report {
  return {
    title: 'Morning digest for media.cinemata.org',
    severity: 'critical',
    summary: 'Disk on /srv/media fills in about 3 days; 2 encodings failed overnight; PostgreSQL and Celery are healthy.',
    generatedAt: GENERATED_AT,
    sections: [
      {
        title: 'Host',
        severity: 'warning',
        blocks: [
          {
            kind: 'fields',
            fields: [
              { label: 'CPU', value: '38 % (4 cores)', severity: 'ok' },
              { label: 'Memory', value: '6.1 GiB of 8 GiB' },
              { label: 'Disk /srv/media', value: '91 % used, 48 GiB free, full in ~3 days at the 7-day rate', severity: 'critical' },
              { label: 'Load', value: '2.4 1.9 1.7', severity: 'info' },
            ],
          },
          {
            kind: 'chart',
            series: [
              { label: 'CPU', unit: '%', points: makePoints(120, (i) => Math.round(300 + 250 * Math.sin(i / 10)) / 10) },
              { label: 'Celery queue', unit: 'tasks', points: makePoints(20, (i) => i * i) },
              { label: 'Encodes', unit: '/min', points: [] },
            ],
          },
        ],
      },
      {
        title: 'Encodings',
        severity: 'critical',
        blocks: [
          {
            kind: 'text',
            text:
              'Two encodings failed with the same FFmpeg error. Both are long 4K uploads; the worker ran out of memory while ' +
              'encoding the 2160p profile.\nRetry them after freeing memory or lower the concurrency of the encode queue.',
          },
          {
            kind: 'table',
            columns: [{ label: 'Media' }, { label: 'Profile' }, { label: 'Size', align: 'right' }, { label: 'Error' }],
            rows: [
              { cells: ['Festival opening night (full).mp4', '2160p', '14.2 GiB', 'ffmpeg exited with code 137 (killed)'], severity: 'critical' },
              { cells: ['文化遺産 documentary.mov', '2160p', '9.8 GiB', 'ffmpeg exited with code 137 (killed)'], severity: 'critical' },
              { cells: ['Interview \u001b[31mtake 2\u001b[0m.mp4', '720p', '812 MiB', 'retried, succeeded'], severity: 'ok' },
            ],
            caption: 'Last 24 hours; sizes are the uploaded originals.',
          },
          { kind: 'code', text: '[h264 @ 0x55d0c8] Cannot allocate memory\n\tError while opening encoder for output stream #0:0\n' },
        ],
      },
      {
        title: 'Checks',
        blocks: [
          {
            kind: 'list',
            items: [
              { text: 'PostgreSQL answered in 3 ms; 12 of 100 connections in use.', severity: 'ok' },
              { text: 'TLS certificate for media.cinemata.org expires in 24 days.', severity: 'warning' },
              { text: 'Nightly backup finished at 02:14 🎉' },
            ],
          },
          { kind: 'table', columns: [{ label: 'Silenced alert' }, { label: 'Until' }], rows: [], caption: 'No silences are active.' },
        ],
      },
    ],
    actions: [
      { id: 'retry', label: 'Retry failed encodings', style: 'primary', command: 'encodings retry --failed --since 24h' },
      { id: 'ack', label: 'Acknowledge', command: 'ack 3f2a' },
      { id: 'runbook', label: 'Disk runbook', url: 'https://ops.cinemata.org/runbooks/disk-full' },
    ],
    footnotes: ['Rates are computed over the last 7 days of history.', 'Times are UTC.'],
  };
}
