import { describe, expect, it } from 'vitest';
import { findDuplicateIndexes, type IndexShape } from '../../src/probes/postgres/duplicate-indexes.js';
import { findFilterColumns } from '../../src/probes/postgres/filter-columns.js';
import { buildSearchQuery } from '../../src/probes/postgres/latency.js';

function index(name: string, keyColumns: string[], extra: Partial<IndexShape> = {}): IndexShape {
  return {
    schema: 'public',
    table: 'files_media',
    index: name,
    sizeBytes: 8192,
    definition: `CREATE INDEX ${name} ON public.files_media USING btree (…)`,
    method: 'btree',
    unique: false,
    primary: false,
    valid: true,
    keyColumns,
    hasInclude: false,
    expressions: '',
    predicate: '',
    ...extra,
  };
}

describe('filter columns from pg_stat_statements texts', () => {
  it('finds the column when a statement compares a bare column to a parameter', () => {
    expect(findFilterColumns('SELECT count(*) FROM actions_mediaaction WHERE remote_ip = $1', 'actions_mediaaction')).toEqual(['remote_ip']);
  });

  it('finds every column when Django qualifies them after WHERE and AND, with ranges and IN lists', () => {
    const django =
      'SELECT COUNT(*) AS "__count" FROM "actions_mediaaction" WHERE ("actions_mediaaction"."action" = $1 AND "actions_mediaaction"."action_date" >= $2 AND "actions_mediaaction"."media_id" IN ($3, $4))';
    expect(findFilterColumns(django, 'actions_mediaaction')).toEqual(['action', 'action_date', 'media_id']);
  });

  it('ignores a column when another table or alias qualifies it', () => {
    const q = 'SELECT 1 FROM files_media WHERE NOT (EXISTS(SELECT 1 FROM files_featuredvideo U0 WHERE U0.media_id = files_media.id AND U0.is_active = $1))';
    expect(findFilterColumns(q, 'files_media')).toEqual([]);
  });

  it('ignores a predicate when a btree index on the column would not serve it (<>, full text)', () => {
    expect(findFilterColumns('SELECT 1 FROM files_media WHERE state <> $1 AND search @@ to_tsquery($2)', 'files_media')).toEqual([]);
  });
});

describe('duplicate indexes', () => {
  it('reports an index when its columns lead another index of the same table and method', () => {
    const single = index('files_media_state_382a9bd1', ['31/3126/0/100']);
    const composite = index('files_media_state_666b93_idx', ['31/3126/0/100', '32/3126/0/100', '33/1988/0/0']);
    const dups = findDuplicateIndexes([single, composite]);
    expect(dups.map((d) => [d.unneeded.index, d.coveredBy.index])).toEqual([['files_media_state_382a9bd1', 'files_media_state_666b93_idx']]);
  });

  it('keeps indexes apart when the operator class, the predicate or the method differs', () => {
    const plain = index('files_media_state_382a9bd1', ['31/3126/0/100']);
    const like = index('files_media_state_382a9bd1_like', ['31/10056/0/100']);
    const partial = index('idx_media_state_public', ['31/3126/0/100', '9/3127/0/0'], { predicate: "(state)::text = 'public'::text" });
    const hash = index('files_media_state_hash', ['31/3126/0/100', '9/3127/0/0'], { method: 'hash' });
    expect(findDuplicateIndexes([plain, like, partial, hash])).toEqual([]);
  });

  it('reports one of two identical indexes, and never the unique one, when their columns match', () => {
    const a = index('a_idx', ['2/1978/0/0']);
    const b = index('b_idx', ['2/1978/0/0']);
    const unique = index('files_media_uid_key', ['2/1978/0/0'], { unique: true });
    expect(findDuplicateIndexes([a, b]).map((d) => d.unneeded.index)).toEqual(['b_idx']);
    expect(findDuplicateIndexes([unique, a]).map((d) => [d.unneeded.index, d.coveredBy.index])).toEqual([['a_idx', 'files_media_uid_key']]);
  });

  it('reports nothing when the only covering index is invalid', () => {
    const single = index('s_idx', ['31/3126/0/100']);
    const broken = index('broken_idx', ['31/3126/0/100', '32/3126/0/100'], { valid: false });
    expect(findDuplicateIndexes([single, broken])).toEqual([]);
  });
});

describe('search query term', () => {
  it('requires every word as a prefix, as CinemataCMS search does, when the term has several words', () => {
    expect(buildSearchQuery('climate')).toBe('climate:*');
    expect(buildSearchQuery('Climate change')).toBe('climate:* & change:*');
  });

  it('drops tsquery operators, and gives up when no word is left, so a term is never a syntax error', () => {
    expect(buildSearchQuery("rights' | !(land)")).toBe('rights:* & land:*');
    expect(buildSearchQuery('&&!')).toBeNull();
  });
});
