import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = fileURLToPath(new URL('../fixtures/render/', import.meta.url));

/**
 * Compares `actual` with `test/fixtures/render/<name>`; with UPDATE_GOLDEN=1 rewrites the file instead. Files end
 * in one newline (editors and `git diff` prefer it) that is not part of the compared output.
 */
export function expectGolden(name: string, actual: string): void {
  const path = GOLDEN_DIR + name;
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${actual}\n`);
    return;
  }
  let stored: string;
  try {
    stored = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`golden file ${name} is missing; create it with UPDATE_GOLDEN=1 npx vitest run test/render`);
  }
  expect(actual, `${name} differs; if the change is intended, rerun with UPDATE_GOLDEN=1`).toBe(stored.replace(/\n$/, ''));
}
