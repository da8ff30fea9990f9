import type { ExplainTargetId } from '../../postgres/explain/explain-targets.js';

/** Lower case, no identifier quotes, single spaces: Django quotes every identifier, the shapes file does not. */
function normalize(text: string): string {
  return text.replace(/"/g, '').replace(/\s+/g, ' ').toLowerCase();
}

/** The search predicate on the media table, however the column is qualified. */
function isSearch(sql: string): boolean {
  return sql.includes('from files_media') && /(^|[\s.(])search @@/.test(sql);
}

const SHAPES: ReadonlyArray<{ target: ExplainTargetId; test(sql: string): boolean }> = [
  { target: 'search-count', test: (s) => isSearch(s) && s.includes('count(*)') },
  { target: 'search', test: isSearch },
  { target: 'featured', test: (s) => s.includes('files_featuredvideo') && s.includes('files_media.featured') },
  { target: 'recommended', test: (s) => s.includes('order by files_media.views desc, files_media.likes desc') || (s.includes('files_media.friendly_token in') && s.includes('files_media.encoding_status')) },
  { target: 'related', test: (s) => s.includes('files_media_category.category_id =') || (s.includes('files_media.user_id =') && s.includes('limit 100')) },
  { target: 'list', test: (s) => s.startsWith('select') && s.includes('from files_media where (files_media.encoding_status =') },
];

/** The `explain` target that runs the same CinemataCMS query shape as this statement, if any. */
export function matchExplainTarget(text: string | undefined): ExplainTargetId | undefined {
  if (text === undefined) return undefined;
  const sql = normalize(text);
  return SHAPES.find((shape) => shape.test(sql))?.target;
}

export function normalizeSql(text: string): string {
  return normalize(text);
}
