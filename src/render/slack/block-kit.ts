/**
 * The part of Block Kit the Slack renderer emits, as plain JSON types. Kept here rather than taken from the Slack
 * SDK so the renderer stays pure (nothing outside src/chat/slack/ imports @slack/*) and the golden files do not
 * move when the SDK's types do.
 */

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

/** `verbatim: true`: Slack does not turn report text into links or mentions on its own. */
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  verbatim?: boolean;
}

export type TextObject = PlainText | Mrkdwn;

export interface SlackButton {
  type: 'button';
  action_id: string;
  text: PlainText;
  /** The command the button runs (`ack 3f2a`). */
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
}

export type SlackBlock =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: TextObject }
  | { type: 'section'; fields: TextObject[] }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'divider' }
  | { type: 'actions'; elements: SlackButton[] };

/** One chat message as chat.postMessage / chat.update / a response_url take it. */
export interface SlackMessage {
  /** Notification and screen-reader fallback; the blocks hold the content. */
  text: string;
  blocks: SlackBlock[];
  /** The severity colour bar: Block Kit has no colour of its own, so the body goes in a coloured attachment. */
  attachments?: Array<{ color: string; blocks: SlackBlock[] }>;
}

/** Content too long for messages, uploaded with files.uploadV2 next to them. */
export interface SlackFile {
  filename: string;
  title: string;
  content: string;
}

export interface SlackRendering {
  messages: SlackMessage[];
  files: SlackFile[];
}

/**
 * Slack's limits (docs.slack.dev Block Kit reference; see shared/reference/chatops-anchors.md §4). MESSAGE_CHARS
 * is ours: Slack answers `msg_blocks_too_long` near 13.2k characters across blocks (bolt-js#2509), below the
 * documented per-block limits.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  messageText: 40_000,
  messageChars: 12_000,
} as const;
