import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema } from '../../src/config/env-schema.js';
import { readConfig } from '../../src/config/load-config.js';

const root = join(import.meta.dirname, '..', '..');

describe('shipped example files', () => {
  it('lists every environment variable in .env.example and nothing else', () => {
    const text = readFileSync(join(root, '.env.example'), 'utf8');
    const listed = [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(envSchema.shape).sort());
    // Every variable carries a comment line right above it.
    for (const name of listed) expect(text).toMatch(new RegExp(`#[^\\n]*\\n${name}=`));
  });

  it('accepts cinemata-ops.example.yaml as a valid configuration', () => {
    const result = readConfig({ CINEMATA_OPS_CONFIG: join(root, 'cinemata-ops.example.yaml') }, root);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });
});
