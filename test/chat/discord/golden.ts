import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_DIR = fileURLToPath(new URL('../../fixtures/discord/', import.meta.url));

/**
 * Compares `value` as pretty JSON with `test/fixtures/discord/<name>`; with UPDATE_GOLDEN=1 rewrites the file
 * instead (as test/render/golden.ts does for the terminal and JSON renderers).
 */
export function expectDiscordGolden(name: string, value: unknown): void {
  const path = GOLDEN_DIR + name;
  const actual = JSON.stringify(value, null, 2);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${actual}\n`);
    return;
  }
  let stored: string;
  try {
    stored = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`golden file ${name} is missing; create it with UPDATE_GOLDEN=1 npx vitest run test/chat/discord`);
  }
  expect(actual, `${name} differs; if the change is intended, rerun with UPDATE_GOLDEN=1`).toBe(stored.replace(/\n$/, ''));
}
