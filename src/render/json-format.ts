export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * `JSON.stringify(value, null, 2)`, except that arrays of numbers stay on one line: a series of 500
 * `[ms, value]` points is 500 lines instead of 2,000, and still diffs point by point. Keys keep insertion order;
 * non-finite numbers become `null`, as JSON.stringify does.
 */
export function stringifyJson(value: JsonValue, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v === 'number')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + stringifyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const body = entries.map(([key, v]) => `${inner}${JSON.stringify(key)}: ${stringifyJson(v, inner)}`).join(',\n');
  return `{\n${body}\n${indent}}`;
}

/** Drops keys whose value is undefined, so optional fields are absent rather than `null` or missing-by-accident. */
export function omitUndefined(entries: Record<string, JsonValue | undefined>): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out;
}
