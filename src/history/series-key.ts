import type { Labels } from '../probes/probe.js';

/**
 * The one string that names a series everywhere (store rows, chat, /metrics): Prometheus style,
 * `metric{a="x",b="y"}` with labels sorted by name, or just `metric` without labels. Sorting makes the key
 * independent of the order a probe happened to build its labels in.
 */
export function seriesKey(metric: string, labels: Labels): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return metric;
  const pairs = names.map((name) => `${name}="${escapeLabelValue(labels[name] ?? '')}"`);
  return `${metric}{${pairs.join(',')}}`;
}

/** The inverse of seriesKey. Throws on a string seriesKey could not have produced. */
export function parseSeriesKey(key: string): { metric: string; labels: Record<string, string> } {
  const open = key.indexOf('{');
  if (open === -1) return { metric: key, labels: {} };
  const malformed = (why: string) => new Error(`malformed series key ${JSON.stringify(key)}: ${why}`);
  if (!key.endsWith('}')) throw malformed('missing closing brace');

  const labels: Record<string, string> = {};
  let at = open + 1;
  while (at < key.length - 1) {
    const equals = key.indexOf('=', at);
    if (equals === -1 || key[equals + 1] !== '"') throw malformed(`expected name="value" at ${at}`);
    const name = key.slice(at, equals);
    let value = '';
    at = equals + 2;
    for (; at < key.length && key[at] !== '"'; at += 1) {
      if (key[at] === '\\') {
        at += 1;
        value += unescapeChar(key[at]);
      } else {
        value += key[at];
      }
    }
    if (at >= key.length) throw malformed(`unterminated value of ${name}`);
    labels[name] = value;
    at += 1;
    if (key[at] === ',') at += 1;
    else if (at !== key.length - 1) throw malformed(`expected , or } at ${at}`);
  }
  return { metric: key.slice(0, open), labels };
}

// The escapes of the Prometheus text format, so a key can be pasted into PromQL as is.
function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function unescapeChar(char: string | undefined): string {
  if (char === 'n') return '\n';
  return char ?? '';
}
