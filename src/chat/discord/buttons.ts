import { createHash } from 'node:crypto';
import type { APIActionRowComponent, APIButtonComponent, APIComponentInMessageActionRow } from 'discord.js';
import type { ReportAction } from '../../reports/report.js';
import { sanitizeLine } from '../../render/sanitize.js';
import { DISCORD_LIMITS, truncate } from './limits.js';

/** A button's custom_id carries its command as `ops:<command>`; one too long for 100 characters, `ops#<key>`. */
export const COMMAND_PREFIX = 'ops:';
export const KEY_PREFIX = 'ops#';
const NOOP_PREFIX = 'ops-none:';

/** The store key under which the command of an `ops#<key>` button is kept. */
export function buttonStateKey(key: string): string {
  return `discord:button:${key}`;
}

export type ButtonTarget = { kind: 'command'; command: string } | { kind: 'key'; key: string } | { kind: 'unknown' };

/** What a clicked button's custom_id asks for. */
export function decodeCustomId(customId: string): ButtonTarget {
  if (customId.startsWith(COMMAND_PREFIX)) return { kind: 'command', command: customId.slice(COMMAND_PREFIX.length) };
  if (customId.startsWith(KEY_PREFIX)) return { kind: 'key', key: customId.slice(KEY_PREFIX.length) };
  return { kind: 'unknown' };
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const STYLE = { primary: 1, default: 2, danger: 4 } as const;
const LINK_STYLE = 5;

export interface RenderedButtons {
  buttons: APIButtonComponent[];
  /** Links too long for a link button: shown as text instead. */
  links: Array<{ label: string; url: string }>;
  /** key → command for `ops#<key>` buttons; the adapter stores them before the message goes out. */
  keys: Record<string, string>;
}

/**
 * Report actions as buttons: `command` → a button that runs it as whoever clicks, `url` → a link button (both
 * when both are set), neither → a disabled button so the label is still seen. custom_ids are unique within the
 * render, as Discord requires per message.
 */
export function renderButtons(actions: readonly ReportAction[]): RenderedButtons {
  const out: RenderedButtons = { buttons: [], links: [], keys: {} };
  const used = new Set<string>();
  actions.forEach((action, index) => {
    const fullLabel = sanitizeLine(action.label).trim() || action.id;
    const label = truncate(fullLabel, DISCORD_LIMITS.buttonLabel);
    if (action.url !== undefined) {
      if (action.url.length <= DISCORD_LIMITS.buttonUrl && /^https?:\/\//i.test(action.url)) {
        out.buttons.push({ type: 2, style: LINK_STYLE, label, url: action.url });
      } else {
        out.links.push({ label: fullLabel, url: action.url });
      }
    }
    if (action.command !== undefined) {
      let customId = `${COMMAND_PREFIX}${action.command}`;
      // Too long, already used in this render, or holding control characters (kept out of what Discord stores).
      if (customId.length > DISCORD_LIMITS.customId || used.has(customId) || CONTROL.test(action.command)) {
        const salt = used.has(customId) ? `#${index}` : '';
        const key = createHash('sha256').update(action.command + salt).digest('base64url').slice(0, 22);
        out.keys[key] = action.command;
        customId = `${KEY_PREFIX}${key}`;
      }
      used.add(customId);
      out.buttons.push({ type: 2, style: STYLE[action.style ?? 'default'], label, custom_id: customId });
    } else if (action.url === undefined) {
      out.buttons.push({ type: 2, style: STYLE.default, label, custom_id: `${NOOP_PREFIX}${index}`, disabled: true });
    }
  });
  return out;
}

/** Buttons in rows of five, five rows to a message: one array of rows per message. */
export function layoutButtons(buttons: readonly APIButtonComponent[]): Array<Array<APIActionRowComponent<APIComponentInMessageActionRow>>> {
  const perMessage = DISCORD_LIMITS.actionRows * DISCORD_LIMITS.buttonsPerRow;
  const messages: Array<Array<APIActionRowComponent<APIComponentInMessageActionRow>>> = [];
  for (let m = 0; m < buttons.length; m += perMessage) {
    const rows: Array<APIActionRowComponent<APIComponentInMessageActionRow>> = [];
    const group = buttons.slice(m, m + perMessage);
    for (let r = 0; r < group.length; r += DISCORD_LIMITS.buttonsPerRow) {
      rows.push({ type: 1, components: group.slice(r, r + DISCORD_LIMITS.buttonsPerRow) });
    }
    messages.push(rows);
  }
  return messages;
}
