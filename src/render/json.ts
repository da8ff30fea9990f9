import type { Block, Report, ReportAction, Section } from '../reports/report.js';
import { omitUndefined, stringifyJson, type JsonValue } from './json-format.js';

/** Bump the number on any change a consumer could trip over (renamed or retyped key); added keys keep it. */
export const REPORT_SCHEMA = 'cinemata-ops/report@1';
export const ERROR_SCHEMA = 'cinemata-ops/error@1';

/**
 * The report for `--json`: `schema` first, then the report's keys in a fixed order whatever order the builder
 * used, optional keys left out when unset. Strings are kept as they are (JSON escapes control characters), and
 * series points stay `[epoch ms, value]`; a non-finite value becomes `null`. No trailing newline.
 */
export function renderJson(report: Report): string {
  return stringifyJson(
    omitUndefined({
      schema: REPORT_SCHEMA,
      title: report.title,
      severity: report.severity,
      summary: report.summary,
      sections: report.sections.map(toJsonSection),
      actions: report.actions?.map(toJsonAction),
      footnotes: report.footnotes?.slice(),
      threadKey: report.threadKey,
      generatedAt: report.generatedAt,
    }),
  );
}

/** What `--json` prints instead of a report when a command fails; `ref` ties it to the full error in the log. */
export function renderJsonError(error: { code: string; message: string; hint?: string | undefined; ref?: string | undefined }): string {
  return stringifyJson({
    schema: ERROR_SCHEMA,
    error: omitUndefined({ code: error.code, message: error.message, hint: error.hint, ref: error.ref }),
  });
}

function toJsonSection(section: Section): JsonValue {
  return omitUndefined({ title: section.title, severity: section.severity, blocks: section.blocks.map(toJsonBlock) });
}

function toJsonAction(action: ReportAction): JsonValue {
  const { id, label, style, command, url } = action;
  return omitUndefined({ id, label, style, command, url });
}

function toJsonBlock(block: Block): JsonValue {
  switch (block.kind) {
    case 'text':
    case 'code':
      return { kind: block.kind, text: block.text };
    case 'fields':
      return { kind: 'fields', fields: block.fields.map((f) => omitUndefined({ label: f.label, value: f.value, severity: f.severity })) };
    case 'table':
      return omitUndefined({
        kind: 'table',
        columns: block.columns.map((c) => omitUndefined({ label: c.label, align: c.align })),
        rows: block.rows.map((r) => omitUndefined({ cells: r.cells.slice(), severity: r.severity })),
        caption: block.caption,
      });
    case 'chart':
      return {
        kind: 'chart',
        series: block.series.map((s) =>
          omitUndefined({ label: s.label, unit: s.unit, points: s.points.map(([at, value]) => [at, value]) }),
        ),
      };
    case 'list':
      return { kind: 'list', items: block.items.map((i) => omitUndefined({ text: i.text, severity: i.severity })) };
  }
}
