import { UserError } from '../../errors.js';
import type { PgClient, PgQuery } from '../pg-client.js';
import type { ExplainTarget, ShapeParams, ShapeStatement } from './explain-targets.js';
import { summarizePlan, type ExplainOutput, type PlanSummary } from './plan-summary.js';

/** What the planner knows about a table a plan read. */
export interface TableFacts {
  relation: string;
  /** pg_class.reltuples: the planner's row count; -1 when the table was never analyzed. */
  estimatedRows: number;
  /** Epoch ms of the latest ANALYZE or autoanalyze; null when never. */
  lastAnalyzedAt: number | null;
  /** Rows changed since then (pg_stat_user_tables.n_mod_since_analyze). */
  modifiedSinceAnalyze: number;
}

export interface ExplainedStatement {
  statement: ShapeStatement;
  summary: PlanSummary;
}

export interface ExplainRun {
  target: ExplainTarget;
  /** The to_tsquery argument, for search targets. */
  tsquery: string | undefined;
  /** `SHOW default_text_search_config`: to_tsquery without a config uses it, while the vectors were built 'simple'. */
  textSearchConfig: string;
  media: ShapeParams['media'];
  statements: ExplainedStatement[];
  tables: Map<string, TableFacts>;
  /** Which of the indexes the shapes expect exist. */
  existingIndexes: Set<string>;
}

/**
 * Runs EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of every statement of a target in one read-only transaction with the
 * explain timeout. ANALYZE executes the SELECT, which a read-only transaction allows and then rolls back.
 */
export async function runExplain(pg: PgClient, target: ExplainTarget, options: { tsquery: string; timeoutMs: number }): Promise<ExplainRun> {
  const run = await pg.readOnly(async (query) => {
    const textSearchConfig = (await query<{ default_text_search_config: string }>('SHOW default_text_search_config'))[0]?.default_text_search_config ?? 'unknown';
    const sample = target.usesMedia ? await pickPublicMedia(query) : { media: undefined, popularTokens: [] };
    if (target.usesMedia && sample.media === undefined) return undefined;
    const params: ShapeParams = { tsquery: options.tsquery, ...sample };
    const statements: ExplainedStatement[] = [];
    for (const statement of target.statements) {
      const rows = await query<{ 'QUERY PLAN': ExplainOutput[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, statement.params(params));
      const output = rows[0]?.['QUERY PLAN'][0];
      if (output === undefined) throw new Error(`EXPLAIN of ${statement.shape} returned no plan`);
      statements.push({ statement, summary: summarizePlan(output) });
    }
    const relations = [...new Set(statements.flatMap((s) => s.summary.nodes.flatMap((n) => (n.relation ? [n.relation] : []))))];
    const expected = [...new Set(target.statements.flatMap((s) => s.indexes))];
    return {
      target,
      tsquery: target.usesTerm ? options.tsquery : undefined,
      textSearchConfig,
      media: params.media,
      statements,
      tables: await readTableFacts(query, relations),
      existingIndexes: await readExistingIndexes(query, expected),
    };
  }, { timeoutMs: options.timeoutMs });
  if (run === undefined) {
    throw new UserError('not_found', `explain ${target.id}: the database has no public, reviewed, encoded media to take the parameters from`);
  }
  return run;
}

async function pickPublicMedia(query: PgQuery): Promise<Pick<ShapeParams, 'media' | 'popularTokens'>> {
  const rows = await query<{ id: number; user_id: number; token: string; category_id: number | null }>(
    `SELECT m.id, m.user_id, m.friendly_token AS token,
            (SELECT c.category_id FROM files_media_category c WHERE c.media_id = m.id ORDER BY c.category_id LIMIT 1) AS category_id
       FROM files_media m
      WHERE m.state = $1 AND m.is_reviewed AND m.encoding_status = $2
      ORDER BY m.id LIMIT 25`,
    ['public', 'success'],
  );
  const first = rows[0];
  return {
    media: first && { id: first.id, userId: first.user_id, categoryId: first.category_id, token: first.token },
    popularTokens: rows.map((r) => r.token),
  };
}

async function readTableFacts(query: PgQuery, relations: readonly string[]): Promise<Map<string, TableFacts>> {
  const rows = await query<{ relation: string; reltuples: number; analyzed: Date | null; modified: number | null }>(
    `SELECT c.relname AS relation, c.reltuples::float8 AS reltuples,
            GREATEST(s.last_analyze, s.last_autoanalyze) AS analyzed, s.n_mod_since_analyze::float8 AS modified
       FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.oid IN (SELECT to_regclass(quote_ident(r)) FROM unnest($1::text[]) AS r)`,
    [relations],
  );
  return new Map(
    rows.map((r) => [r.relation, { relation: r.relation, estimatedRows: r.reltuples, lastAnalyzedAt: r.analyzed?.getTime() ?? null, modifiedSinceAnalyze: r.modified ?? 0 }]),
  );
}

async function readExistingIndexes(query: PgQuery, names: readonly string[]): Promise<Set<string>> {
  const rows = await query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c WHERE c.relkind = 'i' AND c.relname = ANY($1::text[])`, [names]);
  return new Set(rows.map((r) => r.name));
}
