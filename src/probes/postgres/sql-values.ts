/** How much of a query text the probe keeps; chat shows less (reports cut again). */
export const QUERY_TEXT_LIMIT = 1_000;

/**
 * node-pg returns bigint and numeric as strings (they may not fit a JS number); the probe's figures are counts,
 * sizes and ages where a double is precise enough, so they are read as numbers here.
 */
export function toNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

export function toNumberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A timestamptz column (a Date from node-pg) as epoch ms. */
export function toEpochMs(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

export function toText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** One line, at most `limit` characters: query texts span lines and can be megabytes long. */
export function cutQueryText(query: unknown, limit = QUERY_TEXT_LIMIT): string {
  const text = String(query ?? '').replace(/\s+/g, ' ').trim();
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** An identifier as SQL needs it: plain when it is plain lower case, else double-quoted. For advice text and schema names. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** `table` in the public schema, `schema.table` elsewhere: how an operator would type it in psql. */
export function qualifiedName(schema: string, table: string): string {
  return schema === 'public' ? quoteIdent(table) : `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
