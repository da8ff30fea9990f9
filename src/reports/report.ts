/**
 * The platform-neutral report: the only thing domain code produces. Renderers (terminal, JSON, and later Slack
 * Block Kit, Discord embeds, email) turn it into their own format and respect their own limits.
 *
 * Text is plain: no markup of any platform. Emphasis comes from structure (fields, tables, severities), so each
 * renderer can style it the way its platform expects and escape what needs escaping.
 */

/** `ok` means "checked and healthy"; the other three are the alert severities. */
export const SEVERITIES = ['ok', 'info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How bad a severity is, for sorting and for picking the worst of several. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { ok: 0, info: 1, warning: 2, critical: 3 };

export function worstSeverity(severities: Iterable<Severity | undefined>): Severity {
  let worst: Severity = 'ok';
  for (const s of severities) if (s !== undefined && SEVERITY_RANK[s] > SEVERITY_RANK[worst]) worst = s;
  return worst;
}

/** One labelled value, e.g. "CPU: 42 %". */
export interface Field {
  label: string;
  value: string;
  severity?: Severity | undefined;
}

export interface TableColumn {
  label: string;
  /** Numbers read best right-aligned. Default `left`. */
  align?: 'left' | 'right' | undefined;
}

export interface TableRow {
  cells: string[];
  severity?: Severity | undefined;
}

/** A metric series for a chart or sparkline. Points are `[epoch ms, value]`, oldest first. */
export interface Series {
  label: string;
  unit?: string | undefined;
  points: Array<readonly [number, number]>;
}

export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'fields'; fields: Field[] }
  | { kind: 'table'; columns: TableColumn[]; rows: TableRow[]; caption?: string | undefined }
  | { kind: 'chart'; series: Series[] }
  | { kind: 'list'; items: Array<{ text: string; severity?: Severity | undefined }> }
  | { kind: 'code'; text: string };

export interface Section {
  title?: string | undefined;
  severity?: Severity | undefined;
  blocks: Block[];
}

/**
 * A button. `command` is the invocation it runs (e.g. `ack 3f2a`), so every platform can wire it to the same
 * dispatcher; `url` makes it a link instead.
 */
export interface ReportAction {
  id: string;
  label: string;
  style?: 'default' | 'primary' | 'danger' | undefined;
  command?: string | undefined;
  url?: string | undefined;
}

export interface Report {
  title: string;
  severity: Severity;
  /** One line a notifier can use as the message preview. */
  summary?: string | undefined;
  sections: Section[];
  actions?: ReportAction[] | undefined;
  footnotes?: string[] | undefined;
  /**
   * Reports with the same key are one conversation (an alert group's firing, reminders and resolution): chat
   * renderers post the first to the channel and later ones to its thread, and edit the first message's status.
   */
  threadKey?: string | undefined;
  /** Epoch ms. */
  generatedAt: number;
}
