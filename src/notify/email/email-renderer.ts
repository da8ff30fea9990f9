import type { Report } from '../../reports/report.js';
import type { Renderer } from '../../render/renderer.js';
import { sanitizeLine } from '../../render/sanitize.js';
import { formatBadge } from '../../render/severity-style.js';
import { renderTerminal } from '../../render/terminal.js';
import { renderEmailHtml } from './email-html.js';

/** An email's subject and its two alternative bodies. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailRenderOptions {
  /** Ends the subject and the footer. Default `cinemata-ops`. */
  product?: string | undefined;
}

/** Past this the subject is shortened with `…`; the full title is the body's heading. */
const MAX_SUBJECT_TITLE = 150;
/** The conventional width of plain-text mail. */
const TEXT_WIDTH = 78;

/**
 * A report as an email: `[CRITICAL] disk / 96% full — cinemata-ops`, a plain-text part (the terminal rendering
 * without colour, 78 columns, links never wrapped) and an HTML part (email-html.ts). Pure: the same report gives
 * the same email.
 */
export function renderEmail(report: Report, options: EmailRenderOptions = {}): RenderedEmail {
  const product = options.product ?? 'cinemata-ops';
  const title = sanitizeLine(report.title).trim();
  const shortTitle = title.length > MAX_SUBJECT_TITLE ? `${title.slice(0, MAX_SUBJECT_TITLE - 1).trimEnd()}…` : title;
  const footer = `Sent by ${product}.`;
  const text = renderTerminal(report, { color: false, width: TEXT_WIDTH, commandPrefix: '/ops ' });
  return {
    subject: `${formatBadge(report.severity)} ${shortTitle} — ${product}`,
    text: `${text}\n\n-- \n${footer}\n`,
    html: renderEmailHtml(report, footer),
  };
}

export function createEmailRenderer(options: EmailRenderOptions = {}): Renderer<RenderedEmail> {
  return { id: 'email', render: (report) => renderEmail(report, options) };
}
