import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { describeAlertingContract } from './store-contract-alerting.js';
import { describeDataContract } from './store-contract-data.js';
import { describeEngineContract } from './store-contract-engine.js';
import { describeMessagingContract } from './store-contract-messaging.js';

/** Hands each contract group the store of the running test. */
export type CurrentStore = () => Store;

/**
 * The behaviour every Store backend must have. Call it from a backend's test file: `open` gives a fresh, empty
 * store for each test, `cleanup` runs after the store is closed (remove temp files, flush a Redis db).
 */
export function describeStoreContract(
  name: string,
  open: () => Store | Promise<Store>,
  cleanup?: () => void,
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | undefined;
    const current: CurrentStore = () => {
      if (store === undefined) throw new Error('the store is opened in beforeEach');
      return store;
    };

    beforeEach(async () => {
      store = await open();
    });
    afterEach(() => {
      store?.close();
      store = undefined;
      cleanup?.();
    });

    describeAlertingContract(current);
    describeMessagingContract(current);
    describeDataContract(current);
    describeEngineContract(current);

    describe('close', () => {
      it('does nothing when called a second time', () => {
        const opened = current();
        opened.close();
        expect(() => opened.close()).not.toThrow();
      });
    });
  });
}
