import type { DegradedCheck, IndexHealth, MissingIndexSummary } from '../../probes/postgres.js';
import type { LeadingIndexes } from '../../probes/postgres/leading-indexes.js';
import { MISSING_INDEX_MIN_ROWS, MISSING_INDEX_USE_PERCENT } from '../../probes/postgres/missing-indexes.js';
import { worstSeverity, type Block, type Report, type Section } from '../report.js';
import { cinemataAdviceBlock } from './cinemata-index-advice.js';
import { findingsSection, sortFindings, summarizeFindings } from './findings-section.js';
import { formatCount, formatTimestamp } from './format.js';
import { findIndexProblems, findMissingIndexProblems } from './index-findings.js';
import { dropStatements, duplicateTable, indexRefTable, missingIndexTable } from './index-tables.js';

export interface IndexesInput {
  database: string;
  health: IndexHealth;
  missing: MissingIndexSummary;
  degraded: DegradedCheck[];
  statsResetAt: number | null;
  advice: LeadingIndexes[];
  unusedIndexMegabytes: number;
  now: number;
}

// CinemataCMS's indexes come from Django models and migrations; dropping one behind Django's back breaks the next
// migration that touches it.
const DJANGO_CAVEAT =
  'Most of these come from Django (db_index=True, Meta.indexes, foreign keys): remove them in the model and run a migration rather than dropping them by hand, or the next migration that touches them fails.';

function orNone(blocks: Block[], empty: string, present: boolean): Block[] {
  return present ? blocks : [{ kind: 'text', text: empty }];
}

/** `indexes`: missing (with the column to index), invalid, unused and duplicate indexes, and the guide's advice checked. */
export function buildIndexesReport(input: IndexesInput): Report {
  const { health, missing } = input;
  const findings = sortFindings([
    ...findMissingIndexProblems(missing),
    ...findIndexProblems(health),
    ...input.degraded.map((d) => ({ severity: 'info' as const, text: `not checked: ${d.check}`, hint: d.reason })),
  ]);
  const since = input.statsResetAt === null ? 'since statistics began' : `since ${formatTimestamp(input.statsResetAt)} (last statistics reset)`;
  const sections: Section[] = [
    ...findingsSection(findings),
    {
      title: 'Missing indexes',
      severity: missing.candidates.length > 0 ? 'warning' : 'ok',
      blocks: orNone([missingIndexTable(missing)], `No table of ${formatCount(MISSING_INDEX_MIN_ROWS)}+ rows is read by index less than ${MISSING_INDEX_USE_PERCENT}% of the time.`, missing.candidates.length > 0),
    },
    {
      title: 'Invalid indexes',
      severity: health.invalid.length > 0 ? 'warning' : 'ok',
      blocks: orNone([indexRefTable(health.invalid), dropStatements(health.invalid)], 'None.', health.invalid.length > 0),
    },
    {
      title: 'Unused indexes',
      blocks: orNone(
        [indexRefTable(health.unused, `No scan ${since}; ${input.unusedIndexMegabytes} MB and larger; unique and primary keys are never listed. Check a replica does not use them before dropping.`), { kind: 'text', text: DJANGO_CAVEAT }, dropStatements(health.unused)],
        `No index of ${input.unusedIndexMegabytes} MB or more is unused ${since}.`,
        health.unused.length > 0,
      ),
    },
    {
      title: 'Duplicate indexes',
      blocks: orNone(
        [duplicateTable(health.duplicate), { kind: 'text', text: DJANGO_CAVEAT }, dropStatements(health.duplicate.map((d) => d.unneeded))],
        'None.',
        health.duplicate.length > 0,
      ),
    },
    { title: 'CinemataCMS index advice (user_id, created_at, media_type)', blocks: [cinemataAdviceBlock(input.advice)] },
  ];
  return {
    title: `Indexes of ${input.database}`,
    severity: worstSeverity(findings.map((f) => f.severity)),
    summary: summarizeFindings(findings, 'No missing, invalid, unused or duplicate index.'),
    sections,
    footnotes: [
      `Rules follow PgHero: missing = ${formatCount(MISSING_INDEX_MIN_ROWS)}+ rows and under ${MISSING_INDEX_USE_PERCENT}% index use; unused = no scan, not unique; duplicate = its columns lead another index with the same method, expressions and predicate.`,
      'Statements shown (CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY) are advice for an operator; the bot never runs DDL.',
    ],
    generatedAt: input.now,
  };
}
