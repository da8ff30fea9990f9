import type { Report } from '../reports/report.js';
import { renderJson } from './json.js';
import { renderTerminal, type TerminalRenderOptions } from './terminal.js';

/**
 * Turns the platform-neutral report into one platform's output (a string, Block Kit blocks, Discord embeds, an
 * email's HTML and text parts). Adding a platform means adding a renderer; domain code never changes.
 *
 * Every renderer must guarantee:
 * - **Nothing is dropped silently.** When the report exceeds a platform limit (Slack: 50 blocks and 3,000
 *   characters per section text; Discord: 10 embeds, 25 fields, 6,000 characters; a terminal's width), split it
 *   into several messages, move the overflow into an attached file, or shorten a cell visibly (`…`) while the
 *   full value stays reachable (the file, `--json`). Never truncate without a visible sign.
 * - **Limits are the platform's, checked in the renderer.** Domain code does not know them.
 * - **Report text is untrusted.** It is escaped or sanitised for the platform (mrkdwn `&<>`, Markdown, HTML,
 *   terminal control characters), so a process name or log line cannot inject markup, mentions or escapes.
 * - **Severity survives without colour** (a word, badge or glyph next to it), for screen readers and plain text.
 * - **Actions stay usable**: a button wired to `command`/`url` where the platform has buttons, otherwise the
 *   command or link printed in full.
 * - **Rendering is pure and deterministic**: same report and options, same output; no clock or I/O inside.
 */
export interface Renderer<Out> {
  /** Stable id, e.g. `terminal`, `json`, `slack`; used in logs and to pick a renderer by name. */
  readonly id: string;
  render(report: Report): Out;
}

export function createTerminalRenderer(options: TerminalRenderOptions): Renderer<string> {
  return { id: 'terminal', render: (report) => renderTerminal(report, options) };
}

export function createJsonRenderer(): Renderer<string> {
  return { id: 'json', render: renderJson };
}
