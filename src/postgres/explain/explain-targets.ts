/**
 * CinemataCMS's own query shapes (test/fixtures/postgres/cinemata-query-shapes.sql, generated from the ORM at
 * EngageMedia-video/cinematacms@f36c74f0), with the values a request supplies turned into bind parameters.
 * Constants the app writes as literals ('public', 'success', LIMIT 50) stay literals, so the plans are the app's.
 */

export const EXPLAIN_TARGETS = ['search', 'search-count', 'list', 'featured', 'related', 'recommended'] as const;
export type ExplainTargetId = (typeof EXPLAIN_TARGETS)[number];

/** Values the shapes take: the search term, and ids of a real public media for the recommendation shapes. */
export interface ShapeParams {
  tsquery: string;
  media: { id: number; userId: number; categoryId: number | null; token: string } | undefined;
  /** Friendly tokens standing in for the cached popular_media_ids. */
  popularTokens: readonly string[];
}

export interface ShapeStatement {
  /** The shape's id in the query-shapes file, e.g. `S1`. */
  shape: string;
  /** What runs it in CinemataCMS. */
  origin: string;
  sql: string;
  params(p: ShapeParams): unknown[];
  /** The plan is as intended when it uses any of these indexes; the first is the one advice names. */
  indexes: readonly string[];
}

export interface ExplainTarget {
  id: ExplainTargetId;
  description: string;
  usesTerm: boolean;
  /** Needs a real media row for its parameters. */
  usesMedia: boolean;
  statements: readonly ShapeStatement[];
}

const BASE = "files_media.encoding_status = 'success' AND files_media.is_reviewed AND files_media.state = 'public'";
const SEARCH = "files_media.is_reviewed AND files_media.state = 'public' AND files_media.search @@ to_tsquery($1)";
const GIN = 'files_media_search_7194c6_gin';
const LISTING = ['idx_media_state_enc_rev_date', 'files_media_state_666b93_idx', 'files_media_state_1e0540_idx', 'files_media_state_43e940_idx'];
const term = (p: ShapeParams): unknown[] => [p.tsquery];
const none = (): unknown[] => [];

function requireMedia(p: ShapeParams): NonNullable<ShapeParams['media']> {
  if (p.media === undefined) throw new Error('shape needs a media row');
  return p.media;
}

const TARGETS: readonly ExplainTarget[] = [
  {
    id: 'search',
    description: 'a page of GET /api/v1/search?q=<term> (no cache in front of it)',
    usesTerm: true,
    usesMedia: false,
    statements: [
      { shape: 'S1', origin: 'MediaSearch.get, a page of 50 results', sql: `SELECT files_media.* FROM files_media WHERE (${SEARCH}) ORDER BY files_media.add_date DESC LIMIT 50 OFFSET 0`, params: term, indexes: [GIN] },
    ],
  },
  {
    id: 'search-count',
    description: 'the COUNT(*) the paginator runs with every search page',
    usesTerm: true,
    usesMedia: false,
    statements: [{ shape: 'S2', origin: 'PageNumberPagination count of a search', sql: `SELECT COUNT(*) AS __count FROM files_media WHERE (${SEARCH})`, params: term, indexes: [GIN] }],
  },
  {
    id: 'list',
    description: 'GET /api/v1/media, the latest public media and its count (cached 120 s by the app)',
    usesTerm: false,
    usesMedia: false,
    statements: [
      { shape: 'L1', origin: 'MediaList, page 1', sql: `SELECT files_media.* FROM files_media WHERE (${BASE}) ORDER BY files_media.add_date DESC LIMIT 50`, params: none, indexes: LISTING },
      { shape: 'L1-count', origin: 'MediaList pagination count', sql: `SELECT COUNT(*) AS __count FROM files_media WHERE (${BASE})`, params: none, indexes: LISTING },
    ],
  },
  {
    id: 'featured',
    description: 'GET /api/v1/media?show=featured without an active FeaturedVideo schedule',
    usesTerm: false,
    usesMedia: false,
    statements: [
      {
        shape: 'L2',
        origin: 'MediaList show=featured',
        sql: `SELECT files_media.* FROM files_media WHERE (${BASE} AND files_media.featured AND NOT (EXISTS(SELECT 1 AS a FROM files_featuredvideo U0 WHERE (U0.is_active AND U0.media_id = (files_media.id) AND U0.start_date > now()) LIMIT 1))) ORDER BY files_media.featured_date DESC NULLS LAST, files_media.add_date DESC LIMIT 50`,
        params: none,
        indexes: ['idx_media_featured_state_date', 'files_media_featured_6373b72b'],
      },
    ],
  },
  {
    id: 'recommended',
    description: 'show=recommended and the home page (not cached): the fallback that normally runs, and the cached-ids variant',
    usesTerm: false,
    usesMedia: true,
    statements: [
      { shape: 'R1', origin: 'show_recommended_media without popular_media_ids (the usual case)', sql: `SELECT files_media.* FROM files_media WHERE (${BASE}) ORDER BY files_media.views DESC, files_media.likes DESC LIMIT 50`, params: none, indexes: ['files_media_views_853616_idx'] },
      {
        shape: 'R2',
        origin: 'show_recommended_media with popular_media_ids cached',
        sql: `SELECT files_media.* FROM files_media WHERE (files_media.friendly_token IN (${Array.from({ length: 25 }, (_, i) => `$${i + 1}`).join(', ')}) AND ${BASE}) ORDER BY files_media.add_date DESC LIMIT 50`,
        params: (p) => Array.from({ length: 25 }, (_, i) => p.popularTokens[i % Math.max(1, p.popularTokens.length)] ?? ''),
        indexes: ['files_media_friendly_token_b6ca984c', 'files_media_friendly_token_b6ca984c_like'],
      },
    ],
  },
  {
    id: 'related',
    description: 'related media on every uncached GET /api/v1/media/<token> (RELATED_MEDIA_STRATEGY=content)',
    usesTerm: false,
    usesMedia: true,
    statements: [
      { shape: 'R3-author', origin: 'show_related_media_content: same author', sql: `SELECT files_media.* FROM files_media WHERE (${BASE} AND files_media.user_id = $1) LIMIT 100`, params: (p) => [requireMedia(p).userId], indexes: ['files_media_state_1e0540_idx', 'media_user_state_date_idx', 'media_user_encoding_idx', 'files_media_user_id_7497c8c6'] },
      {
        shape: 'R3-category',
        origin: 'show_related_media_content: first category',
        sql: `SELECT files_media.* FROM files_media INNER JOIN files_media_category ON (files_media.id = files_media_category.media_id) WHERE (files_media_category.category_id = $1 AND ${BASE}) ORDER BY files_media.views DESC LIMIT 10`,
        params: (p) => [requireMedia(p).categoryId ?? 0],
        indexes: ['files_media_category_category_id_381a78d2', 'files_media_category_media_id_category_id_cf4a83ad_uniq', 'files_media_views_853616_idx'],
      },
      { shape: 'R3-filler', origin: 'show_related_media_content: generic filler', sql: `SELECT files_media.* FROM files_media WHERE (${BASE}) ORDER BY files_media.add_date DESC LIMIT 10`, params: none, indexes: LISTING },
    ],
  },
];

export function findExplainTarget(id: string): ExplainTarget | undefined {
  return TARGETS.find((t) => t.id === id);
}

/** How to create the index a shape expects, from CinemataCMS's migrations, for advice when it is missing. */
export const INDEX_DEFINITIONS: Readonly<Record<string, string>> = {
  files_media_search_7194c6_gin: 'CREATE INDEX CONCURRENTLY files_media_search_7194c6_gin ON files_media USING gin (search)',
  idx_media_state_enc_rev_date: 'CREATE INDEX CONCURRENTLY idx_media_state_enc_rev_date ON files_media (state, encoding_status, is_reviewed, add_date DESC)',
  idx_media_featured_state_date: 'CREATE INDEX CONCURRENTLY idx_media_featured_state_date ON files_media (featured, state, add_date DESC)',
  files_media_views_853616_idx: 'CREATE INDEX CONCURRENTLY files_media_views_853616_idx ON files_media (views, likes)',
  files_media_friendly_token_b6ca984c: 'CREATE INDEX CONCURRENTLY files_media_friendly_token_b6ca984c ON files_media (friendly_token)',
  files_media_state_1e0540_idx: 'CREATE INDEX CONCURRENTLY files_media_state_1e0540_idx ON files_media (state, encoding_status, is_reviewed, user_id)',
  files_media_category_category_id_381a78d2: 'CREATE INDEX CONCURRENTLY files_media_category_category_id_381a78d2 ON files_media_category (category_id)',
};
