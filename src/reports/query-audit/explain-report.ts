import { suggest } from '../../dispatch/suggest.js';
import { UserError } from '../../errors.js';
import { EXPLAIN_TARGETS, findExplainTarget } from '../../postgres/explain/explain-targets.js';
import { advisePlan } from '../../postgres/explain/plan-advice.js';
import { runExplain, type ExplainRun } from '../../postgres/explain/run-explain.js';
import { buildSearchTsQuery } from '../../postgres/explain/search-term.js';
import { requirePostgres } from '../../postgres/require-postgres.js';
import { worstSeverity, type Field, type Report, type Section } from '../report.js';
import { explainSection } from './explain-section.js';
import { formatMs } from './format.js';
import type { ReportContext } from './run-audit.js';

/** `explain <target> [term]`: EXPLAIN ANALYZE of CinemataCMS's real query shape, summarised with advice. */
export async function collectExplainReport(ctx: ReportContext, options: { target: string; term: string | undefined }): Promise<Report> {
  const target = findExplainTarget(options.target);
  if (target === undefined) {
    const close = suggest(options.target, EXPLAIN_TARGETS);
    throw new UserError('bad_option', `explain: unknown target "${options.target}"`, {
      hint: `${close === undefined ? '' : `did you mean "${close}"? `}targets: ${EXPLAIN_TARGETS.join(', ')}`,
    });
  }
  if (!target.usesTerm && options.term !== undefined) {
    throw new UserError('bad_option', `explain: ${target.id} takes no search term`, { hint: 'only search and search-count take one' });
  }
  const { postgres } = ctx.config;
  const tsquery = target.usesTerm ? buildSearchTsQuery(options.term ?? postgres.searchTerm) : '';
  const run = await runExplain(requirePostgres(ctx.services), target, { tsquery, timeoutMs: postgres.explainTimeout });
  return buildExplainReport(run, ctx, options.term ?? postgres.searchTerm);
}

export function buildExplainReport(run: ExplainRun, ctx: ReportContext, term: string): Report {
  const latency = ctx.config.postgres.searchLatencyMs;
  const advised = run.statements.map((s) => ({ explained: s, ...advisePlan(run, s, latency) }));
  const totalMs = run.statements.reduce((sum, s) => sum + s.summary.totalMs, 0);
  const severity = worstSeverity(advised.flatMap((a) => a.findings.map((f) => f.severity)));
  const advice = [...new Set(advised.flatMap((a) => a.advice))];
  if (run.tsquery !== undefined && run.textSearchConfig !== 'pg_catalog.simple') advice.push(textSearchAdvice(run.textSearchConfig));
  const fields: Field[] = [
    { label: 'target', value: `${run.target.id}: ${run.target.description}` },
    { label: 'database time', value: formatMs(totalMs), severity },
  ];
  if (run.tsquery !== undefined) {
    fields.push({ label: 'term', value: `"${term}" → to_tsquery('${run.tsquery}')` });
    fields.push({ label: 'default_text_search_config', value: run.textSearchConfig });
  }
  if (run.media) fields.push({ label: 'parameters from', value: `media ${run.media.id} (${run.media.token}), user ${run.media.userId}, category ${run.media.categoryId ?? 'none'}` });
  const sections: Section[] = [
    { blocks: [{ kind: 'fields', fields }] },
    ...advised.map((a) => explainSection(a.explained, a.findings)),
  ];
  if (advice.length > 0) sections.push({ title: 'What to do', severity: severity === 'ok' ? 'info' : severity, blocks: [{ kind: 'list', items: advice.map((text) => ({ text })) }] });
  return {
    title: `Explain ${run.target.id}`,
    severity,
    summary: `${formatMs(totalMs)} in the database for ${run.statements.map((s) => s.statement.shape).join(' + ')}; ${advised.flatMap((a) => a.findings).filter((f) => f.severity === 'warning' || f.severity === 'critical').length} findings.`,
    sections,
    actions: [{ id: 'slow-queries', label: 'Slow queries', command: 'slow-queries' }],
    footnotes: [
      `EXPLAIN (ANALYZE, BUFFERS) ran the statements in a read-only transaction that was rolled back, with the ${formatMs(ctx.config.postgres.explainTimeout)} explain timeout (postgres.explainTimeout).`,
      `Latency: warning at ${latency.warning} ms, critical at ${latency.critical} ms (postgres.searchLatencyMs). Query shapes from CinemataCMS at f36c74f0.`,
    ],
    generatedAt: ctx.now(),
  };
}

/** Why the config matters: the app calls to_tsquery without one, while its vectors are built with 'simple'. */
function textSearchAdvice(config: string): string {
  return `to_tsquery runs with default_text_search_config = ${config} (CinemataCMS passes no config) while the search vectors are built with 'simple': stemming can turn a word into a lexeme that is not a prefix of the stored one (mining → 'mine':* does not match "mining") and its stop words are dropped; ALTER DATABASE <db> SET default_text_search_config = 'pg_catalog.simple' makes both agree (test it first: results change)`;
}
