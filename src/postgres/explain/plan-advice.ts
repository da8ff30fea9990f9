import type { Severity } from '../../reports/report.js';
import { INDEX_DEFINITIONS } from './explain-targets.js';
import type { ExplainedStatement, ExplainRun, TableFacts } from './run-explain.js';

/** A sequential scan of a table this big is worth a look (PgHero's "missing indexes" uses the same 10,000). */
export const BIG_TABLE_ROWS = 10_000;

export interface PlanFinding {
  severity: Severity;
  text: string;
}

export interface PlanAdvice {
  findings: PlanFinding[];
  /** What to do, most useful first. */
  advice: string[];
}

const n = (value: number): string => Math.round(value).toLocaleString('en-US');

/** Findings and advice for one explained statement. `latency` is postgres.searchLatencyMs (ms). */
export function advisePlan(run: ExplainRun, explained: ExplainedStatement, latency: { warning: number; critical: number }): PlanAdvice {
  const { summary, statement } = explained;
  const findings: PlanFinding[] = [];
  const advice: string[] = [];
  const total = summary.totalMs;
  findings.push({
    severity: total >= latency.critical ? 'critical' : total >= latency.warning ? 'warning' : 'ok',
    text: `${total.toFixed(1)} ms in the database (planning ${summary.planningMs.toFixed(1)} + execution ${summary.executionMs.toFixed(1)})`,
  });
  checkIndexes(run, explained, findings, advice);
  const toAnalyze = new Set<string>();
  for (const scan of summary.seqScans) {
    const facts = run.tables.get(scan.relation);
    const size = Math.max(facts?.estimatedRows ?? 0, scan.actualRows + scan.removedByFilter);
    if (size < BIG_TABLE_ROWS) continue;
    findings.push({ severity: 'warning', text: `sequential scan of ${scan.relation} (~${n(size)} rows): kept ${n(scan.actualRows)}, filtered out ${n(scan.removedByFilter)}` });
    advice.push(`${statement.shape} reads all of ${scan.relation}: add an index that matches its WHERE clause, or find out why the expected one is not chosen (EXPLAIN shows the filter)`);
  }
  for (const miss of summary.estimateMisses) {
    findings.push({ severity: 'warning', text: `row estimate off ${miss.factor.toFixed(0)}×: ${miss.label} expected ${n(miss.estimatedRows)} rows, got ${n(miss.actualRows)}` });
    if (miss.relation) toAnalyze.add(miss.relation);
  }
  for (const facts of run.tables.values()) if (isStale(facts)) toAnalyze.add(facts.relation);
  for (const relation of toAnalyze) advice.push(`run ANALYZE ${relation} (${describeAnalyze(run.tables.get(relation))}): the planner's row counts drive its choice of index`);
  const { hit, read } = summary.buffers;
  const blocks = hit + read;
  if (blocks > 0) {
    const heavy = read > hit && read >= 1_000;
    findings.push({ severity: heavy ? 'warning' : 'info', text: `shared buffers: ${n(hit)} hit, ${n(read)} read (${((100 * hit) / blocks).toFixed(0)}% from cache)` });
    if (heavy) advice.push(`${statement.shape} read ${n(read)} blocks (${n((read * 8) / 1024)} MiB) from outside shared_buffers: a repeat run should hit the cache; if it does not, shared_buffers is too small for the working set`);
  }
  for (const spill of summary.spills) findings.push({ severity: 'warning', text: spill });
  if (summary.spills.length > 0 || summary.tempWrittenBlocks > 0) {
    advice.push(`${statement.shape} spills to disk: raise work_mem (per sort or hash, per connection) or add an index that delivers rows in ORDER BY order`);
  }
  return { findings, advice };
}

function checkIndexes(run: ExplainRun, { summary, statement }: ExplainedStatement, findings: PlanFinding[], advice: string[]): void {
  const used = statement.indexes.find((i) => summary.indexesUsed.includes(i));
  if (used !== undefined) {
    findings.push({ severity: 'ok', text: `uses ${used} as intended` });
    return;
  }
  const wanted = statement.indexes[0] ?? '';
  const chosen = summary.nodes.find((node) => node.relation !== undefined && /Scan/.test(node.type))?.label ?? summary.nodes[0]?.label ?? 'another plan';
  if (!run.existingIndexes.has(wanted) && !statement.indexes.some((i) => run.existingIndexes.has(i))) {
    findings.push({ severity: 'warning', text: `the index ${wanted} does not exist; the planner chose ${chosen}` });
    const create = INDEX_DEFINITIONS[wanted];
    advice.push(create ? `create the index CinemataCMS's migrations define: ${create};` : `check that CinemataCMS's migrations ran (manage.py migrate): ${wanted} is missing`);
    return;
  }
  const existing = statement.indexes.find((i) => run.existingIndexes.has(i)) ?? wanted;
  const kind = existing === 'files_media_search_7194c6_gin' ? 'the GIN index' : 'the index';
  findings.push({ severity: 'info', text: `${kind} ${existing} exists but was not used: the planner chose ${chosen}` });
  if (existing === 'files_media_search_7194c6_gin' && /add_date/.test(chosen)) {
    advice.push(
      `the GIN index ${existing} was not used: with ORDER BY add_date LIMIT 50 the planner walks add_date and tests @@ on each row, betting that matches come early; quick for a common term, a read of the whole table for a rare one (compare: explain search <a rare word>)`,
    );
  } else {
    advice.push(`${statement.shape}: ${existing} exists but was not chosen; after ANALYZE, if it still is not, the planner judges it slower for these values`);
  }
}

/**
 * reltuples = -1: never analyzed, the planner guesses. No analyze on record for a big table, or more than a tenth of
 * the rows changed since (autovacuum's default analyze threshold): the estimates may be stale.
 */
function isStale(facts: TableFacts): boolean {
  if (facts.estimatedRows < 0) return true;
  if (facts.lastAnalyzedAt === null) return facts.estimatedRows >= BIG_TABLE_ROWS;
  return facts.modifiedSinceAnalyze > Math.max(50, facts.estimatedRows * 0.1);
}

function describeAnalyze(facts: TableFacts | undefined): string {
  if (facts === undefined) return 'statistics unknown';
  if (facts.estimatedRows < 0) return 'never analyzed';
  if (facts.lastAnalyzedAt === null) return 'no analyze on record since the statistics were reset';
  return `${n(facts.modifiedSinceAnalyze)} rows changed since the last analyze`;
}
