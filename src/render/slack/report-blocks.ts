import type { Block, Field, Series } from '../../reports/report.js';
import { sanitizeBlock, sanitizeLine } from '../sanitize.js';
import { renderSparkline } from '../sparkline.js';
import { describeSeries } from '../terminal-chart.js';
import type { SlackBlock, SlackFile, TextObject } from './block-kit.js';
import { SLACK_LIMITS } from './block-kit.js';
import { escapeMrkdwn, SEVERITY_EMOJI, splitText } from './mrkdwn.js';
import { renderCode, renderTable } from './report-tables.js';
import { mrkdwn, packSections } from './sections.js';

export interface BlockContext {
  /** Whether long tables and code may go to a file; otherwise they are split over messages. */
  files: boolean;
  /** Collects the files; returns the name under which the message refers to the file. */
  attach(file: Omit<SlackFile, 'filename'>, extension: string): string;
}

/** Fields of one section stay under this many characters, so one section never fills a message on its own. */
const FIELDS_SECTION_CHARS = 6_000;
const SPARK_GLYPHS = 30;

/** One report block as Block Kit blocks, each within Slack's per-block limits. */
export function renderReportBlock(block: Block, ctx: BlockContext): SlackBlock[] {
  switch (block.kind) {
    case 'text':
      return packSections(escapeMrkdwn(sanitizeBlock(block.text)).split('\n'));
    case 'fields':
      return renderFields(block.fields);
    case 'table':
      return renderTable(block, ctx);
    case 'code':
      return renderCode(block.text, ctx);
    case 'chart':
      return packSections(block.series.map(formatSeries));
    case 'list':
      return packSections(
        block.items.map((item) => `${item.severity === undefined ? '•' : SEVERITY_EMOJI[item.severity]} ${escapeMrkdwn(sanitizeLine(item.text))}`),
      );
  }
}

function formatField(field: Field): string {
  const label = escapeMrkdwn(sanitizeLine(field.label));
  const value = escapeMrkdwn(sanitizeLine(field.value));
  const marker = field.severity === undefined ? '' : `${SEVERITY_EMOJI[field.severity]} `;
  if (label === '') return `${marker}${value}` || '\u200b';
  return value === '' ? `${marker}*${label}*` : `${marker}*${label}*\n${value}`;
}

/**
 * Up to ten fields per section (Slack's limit) and a few thousand characters; a field longer than a field may be
 * becomes a section of its own, in place, so the order stays.
 */
function renderFields(fields: readonly Field[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let group: TextObject[] = [];
  let chars = 0;
  const flush = () => {
    if (group.length > 0) blocks.push({ type: 'section', fields: group });
    group = [];
    chars = 0;
  };
  for (const field of fields) {
    const text = formatField(field);
    if (text.length > SLACK_LIMITS.fieldText) {
      flush();
      for (const piece of splitText(text, SLACK_LIMITS.sectionText)) blocks.push({ type: 'section', text: mrkdwn(piece) });
      continue;
    }
    if (group.length === SLACK_LIMITS.fieldsPerSection || chars + text.length > FIELDS_SECTION_CHARS) flush();
    group.push(mrkdwn(text));
    chars += text.length;
  }
  flush();
  return blocks;
}

/** `*CPU* `▁▂▅█` min 1.2 % · max 9 % · last 3 %`: the shape and the numbers; every point is in `--json`. */
function formatSeries(series: Series): string {
  const spark = renderSparkline(
    series.points.map((p) => p[1]),
    SPARK_GLYPHS,
  );
  const shape = spark.trim() === '' ? '' : ` \`${spark}\``;
  return `*${escapeMrkdwn(sanitizeLine(series.label))}*${shape} ${escapeMrkdwn(describeSeries(series).join(' · '))}`;
}
