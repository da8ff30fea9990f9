import type { Report } from '../../reports/report.js';
import type { Renderer } from '../renderer.js';
import { sanitizeLine } from '../sanitize.js';
import { renderActions } from './actions.js';
import type { SlackBlock, SlackFile, SlackMessage, SlackRendering } from './block-kit.js';
import { SLACK_LIMITS } from './block-kit.js';
import { escapeMrkdwn, formatSlackDate, SEVERITY_COLOR, SEVERITY_EMOJI, SEVERITY_WORD, shorten, splitText } from './mrkdwn.js';
import { paginate, type Unit } from './paginate.js';
import { renderReportBlock, type BlockContext } from './report-blocks.js';
import { contextBlocks, countChars, section } from './sections.js';

export interface SlackRenderOptions {
  /** Very long tables and code go to files (they need a channel to be uploaded to). Default true. */
  files?: boolean | undefined;
  /** The severity colour bar: the body goes in a coloured attachment. Default true. */
  colorBar?: boolean | undefined;
  /** Put before commands printed as text. Default `/ops `. */
  commandPrefix?: string | undefined;
  /** Extra mrkdwn lines for the first message: `status` right under the title, `trail` after the buttons. */
  status?: readonly string[] | undefined;
  trail?: readonly string[] | undefined;
}

const CONTINUED_TITLE = 200;
const LATER_RESERVE = { blocks: 1, chars: 400 };

/**
 * A report as Slack messages: the first holds the title, summary and buttons; whatever does not fit Slack's limits
 * continues in further messages, each headed "continued, part n of N", and very long tables and code (when
 * `files`) go to attached files with their start shown. Nothing is dropped. Pure and deterministic.
 */
export function renderSlack(report: Report, options: SlackRenderOptions = {}): SlackRendering {
  const files: SlackFile[] = [];
  const slug = slugify(report.title);
  const ctx: BlockContext = {
    files: options.files ?? true,
    attach(file, extension) {
      const filename = `${slug}-${files.length + 1}.${extension}`;
      files.push({ filename, ...file });
      return filename;
    },
  };
  const title = sanitizeLine(report.title);
  const head = headBlocks(title, report.severity);
  const status = contextBlocks(options.status ?? []);
  const actions = [...renderActions(report.actions ?? [], options.commandPrefix ?? '/ops '), ...contextBlocks(options.trail ?? [])];
  const units: Unit[] = [...status.map((block) => ({ block })), ...leadUnits(report), ...bodyUnits(report, ctx), ...footerUnits(report)];

  const reserved = [...head, ...actions];
  const pages = paginate(units, {
    // One more block and a few characters for the "continued below" note.
    firstReserve: { blocks: reserved.length + 1, chars: reserved.reduce((n, b) => n + countChars(b), 0) + 200 },
    laterReserve: LATER_RESERVE,
  });
  const total = pages.length;
  const messages = pages.map((page, i): SlackMessage => {
    const body = page.map((u) => u.block);
    if (i === 0) {
      const content = page.filter((u) => !u.footer).map((u) => u.block);
      const footer = page.filter((u) => u.footer).map((u) => u.block);
      const note = total > 1 ? contextBlocks([`_continued in the next ${total - 1} message${total > 2 ? 's' : ''} (part 1 of ${total})_`]) : [];
      const summary = report.summary === undefined ? '' : ` — ${escapeMrkdwn(sanitizeLine(report.summary))}`;
      const text = shorten(`${SEVERITY_EMOJI[report.severity]} ${escapeMrkdwn(title)}${summary}`, SLACK_LIMITS.sectionText);
      return assemble(text, head, [...content, ...actions, ...footer, ...note], report, options);
    }
    const heading = contextBlocks([`:arrow_right_hook: *${escapeMrkdwn(shorten(title, CONTINUED_TITLE))}* · continued, part ${i + 1} of ${total}`]);
    return assemble(`${escapeMrkdwn(shorten(title, CONTINUED_TITLE))} (part ${i + 1} of ${total})`, heading, body, report, options);
  });
  return { messages, files };
}

export function createSlackRenderer(options: SlackRenderOptions = {}): Renderer<SlackRendering> {
  return { id: 'slack', render: (report) => renderSlack(report, options) };
}

/** With the colour bar, the heading stays on top and the body sits in the coloured attachment. */
function assemble(text: string, top: SlackBlock[], body: SlackBlock[], report: Report, options: SlackRenderOptions): SlackMessage {
  if (options.colorBar === false || body.length === 0) return { text, blocks: [...top, ...body] };
  return { text, blocks: top, attachments: [{ color: SEVERITY_COLOR[report.severity], blocks: body }] };
}

/** The header is plain text of at most 150 characters: a longer title is shortened there and given in full below. */
function headBlocks(title: string, severity: Report['severity']): SlackBlock[] {
  const full = `${SEVERITY_EMOJI[severity]} ${title}`;
  const header: SlackBlock = { type: 'header', text: { type: 'plain_text', text: shorten(full, SLACK_LIMITS.headerText), emoji: true } };
  if (full.length <= SLACK_LIMITS.headerText) return [header];
  return [header, ...splitText(`*${escapeMrkdwn(title)}*`, SLACK_LIMITS.sectionText).map(section)];
}

/** The severity in words (it must survive without colour) and the summary. */
function leadUnits(report: Report): Unit[] {
  const word = `*${SEVERITY_WORD[report.severity]}*`;
  if (report.summary === undefined || report.summary.trim() === '') return contextBlocks([word]).map((block) => ({ block }));
  return splitText(`${word} · ${escapeMrkdwn(sanitizeLine(report.summary))}`, SLACK_LIMITS.sectionText).map((text) => ({ block: section(text) }));
}

function bodyUnits(report: Report, ctx: BlockContext): Unit[] {
  return report.sections.flatMap((sec): Unit[] => {
    const units: Unit[] = [{ block: { type: 'divider' }, keepWithNext: true }];
    if (sec.title !== undefined || sec.severity !== undefined) {
      const emoji = sec.severity === undefined ? '' : `${SEVERITY_EMOJI[sec.severity]} `;
      const name = sec.title === undefined ? SEVERITY_WORD[sec.severity ?? 'info'] : escapeMrkdwn(sanitizeLine(sec.title));
      for (const text of splitText(`${emoji}*${name}*`, SLACK_LIMITS.sectionText)) units.push({ block: section(text), keepWithNext: true });
    }
    for (const block of sec.blocks) units.push(...renderReportBlock(block, ctx).map((b) => ({ block: b })));
    return units;
  });
}

function footerUnits(report: Report): Unit[] {
  const notes = [`generated ${formatSlackDate(report.generatedAt)}`, ...(report.footnotes ?? []).map((note) => escapeMrkdwn(sanitizeLine(note)))];
  return contextBlocks(notes).map((block) => ({ block, footer: true }));
}

function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug === '' ? 'report' : slug;
}
