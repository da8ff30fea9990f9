import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = fileURLToPath(new URL('../../fixtures/slack/', import.meta.url));

/**
 * Compares `actual` with `test/fixtures/slack/<name>`; with UPDATE_GOLDEN=1 rewrites the file instead (as
 * test/render/golden.ts does for the terminal and JSON renderers).
 */
export function expectSlackGolden(name: string, actual: unknown): void {
  const text = JSON.stringify(actual, null, 2);
  const path = GOLDEN_DIR + name;
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${text}\n`);
    return;
  }
  let stored: string;
  try {
    stored = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`golden file ${name} is missing; create it with UPDATE_GOLDEN=1 npx vitest run test/chat/slack`);
  }
  expect(text, `${name} differs; if the change is intended, rerun with UPDATE_GOLDEN=1`).toBe(stored.replace(/\n$/, ''));
}
