import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/**
 * A checker that compares output with `test/fixtures/<folder>/<name>`; with UPDATE_GOLDEN=1 it rewrites the file
 * instead. Files end in one newline (editors and `git diff` prefer it) that is not part of the compared output.
 */
export function createGoldenChecker(folder: string): (name: string, actual: string) => void {
  return (name, actual) => {
    const path = join(FIXTURES, folder, name);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${actual}\n`);
      return;
    }
    let stored: string;
    try {
      stored = readFileSync(path, 'utf8');
    } catch {
      throw new Error(`golden file ${folder}/${name} is missing; create it with UPDATE_GOLDEN=1 npm test`);
    }
    expect(actual, `${folder}/${name} differs; if the change is intended, rerun with UPDATE_GOLDEN=1`).toBe(stored.replace(/\n$/, ''));
  };
}
