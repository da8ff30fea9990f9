import { sanitizeBlock } from '../../render/sanitize.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for HTML element content or a quoted attribute. Report text comes from the systems we watch (a log line,
 * a label value), so control and bidi characters go first (as in the terminal), then markup characters.
 */
export function escapeHtml(text: string): string {
  return sanitizeBlock(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** An http(s) URL fit for `href`, or undefined: `javascript:` and friends never become links. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? escapeHtml(parsed.toString()) : undefined;
  } catch {
    return undefined;
  }
}
