import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

/** A real SQLite store in a fresh temp directory, reopenable to simulate a restart. */
export interface TempStore {
  store: Store;
  /** Closes the store and opens the same file again, as a restarted process would. */
  reopen(): Store;
  dispose(): void;
}

export function openTempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'cinemata-history-'));
  const file = join(dir, 'ops.db');
  const temp: TempStore = {
    store: openSqliteStore(file),
    reopen() {
      temp.store.close();
      temp.store = openSqliteStore(file);
      return temp.store;
    },
    dispose() {
      temp.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}
