import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../src/store/store.js';
import type { CurrentStore } from './store-contract.js';

function alert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    fingerprint: 'fp-1',
    ruleId: 'disk-critical',
    status: 'firing',
    severity: 'critical',
    labels: { mount: '/' },
    summary: '/ is 96% full',
    value: 96,
    startsAt: 1_000,
    updatedAt: 1_000,
    firedAt: 1_000,
    resolvedAt: null,
    lastNotifiedAt: null,
    ...overrides,
  };
}

/** What the alert engine adds to the Store: bookkeeping fields, ack listing, pruning, outbox dedup, transactions. */
export function describeEngineContract(store: CurrentStore): void {
  describe('alert bookkeeping fields', () => {
    it('getAlert returns the optional engine fields as written when they are set', () => {
      const written = alert({ mutedBy: 'silence:s1', flapping: true, transitions: [1_000, 2_000], notifiedState: 'flapping' });
      store().upsertAlert(written);
      expect(store().getAlert('fp-1')).toEqual(written);
    });

    it('getAlert leaves the optional fields out when an update clears them', () => {
      store().upsertAlert(alert({ mutedBy: 'silence:s1', flapping: true, transitions: [1], notifiedState: 'firing' }));
      store().upsertAlert(alert());
      const read = store().getAlert('fp-1');
      expect(read).toEqual(alert());
      expect(read && 'mutedBy' in read).toBe(false);
    });

    it('pruneResolvedAlerts deletes only resolved alerts resolved before the cutoff, with their acks', () => {
      store().upsertAlert(alert({ fingerprint: 'old', status: 'resolved', resolvedAt: 500 }));
      store().upsertAlert(alert({ fingerprint: 'recent', status: 'resolved', resolvedAt: 5_000 }));
      store().upsertAlert(alert({ fingerprint: 'live' }));
      store().putAck({ fingerprint: 'old', by: 'u', at: 400, note: '' });
      store().putAck({ fingerprint: 'live', by: 'u', at: 400, note: '' });
      expect(store().pruneResolvedAlerts(1_000)).toBe(1);
      expect(store().listAlerts().map((a) => a.fingerprint).sort()).toEqual(['live', 'recent']);
      expect(store().listAcks().map((a) => a.fingerprint)).toEqual(['live']);
    });
  });

  describe('listAcks', () => {
    it('listAcks returns every ack oldest first and nothing when there are none', () => {
      expect(store().listAcks()).toEqual([]);
      store().putAck({ fingerprint: 'b', by: 'u2', at: 2_000, note: 'later' });
      store().putAck({ fingerprint: 'a', by: 'u1', at: 1_000, note: '' });
      expect(store().listAcks()).toEqual([
        { fingerprint: 'a', by: 'u1', at: 1_000, note: '' },
        { fingerprint: 'b', by: 'u2', at: 2_000, note: 'later' },
      ]);
    });
  });

  describe('outbox dedup keys', () => {
    it('enqueueOutbox queues a message once when the same dedupKey is given twice', () => {
      const first = store().enqueueOutbox({ target: 'slack:C1', payload: 'a', dedupKey: 'k1' }, 1_000);
      const second = store().enqueueOutbox({ target: 'slack:C1', payload: 'b', dedupKey: 'k1' }, 2_000);
      expect(second).toBe(first);
      expect(store().dueOutbox(9_000, 10).map((m) => m.payload)).toEqual(['a']);
    });

    it('enqueueOutbox still refuses a dedupKey after its message was sent', () => {
      const first = store().enqueueOutbox({ target: 'console', payload: 'a', dedupKey: 'k1' }, 1_000);
      store().markOutboxSent(first);
      expect(store().enqueueOutbox({ target: 'console', payload: 'a', dedupKey: 'k1' }, 2_000)).toBe(first);
      expect(store().countOutbox()).toEqual({ pending: 0, dead: 0 });
    });

    it('enqueueOutbox queues each message when keys differ or none is given', () => {
      store().enqueueOutbox({ target: 'console', payload: 1, dedupKey: 'k1' }, 1_000);
      store().enqueueOutbox({ target: 'console', payload: 2, dedupKey: 'k2' }, 1_000);
      store().enqueueOutbox({ target: 'console', payload: 3 }, 1_000);
      store().enqueueOutbox({ target: 'console', payload: 3 }, 1_000);
      expect(store().countOutbox().pending).toBe(4);
    });

    it('pruneOutboxKeys forgets keys recorded before the cutoff, so the key can be used again', () => {
      store().enqueueOutbox({ target: 'console', payload: 'a', dedupKey: 'old' }, 1_000);
      store().enqueueOutbox({ target: 'console', payload: 'b', dedupKey: 'new' }, 5_000);
      expect(store().pruneOutboxKeys(2_000)).toBe(1);
      const again = store().enqueueOutbox({ target: 'console', payload: 'c', dedupKey: 'old' }, 6_000);
      expect(store().dueOutbox(9_000, 10).find((m) => m.id === again)?.payload).toBe('c');
      expect(store().pruneOutboxKeys(2_000)).toBe(0);
    });
  });

  describe('transaction', () => {
    it('transaction keeps every write and returns the value when fn returns', () => {
      const id = store().transaction(() => {
        store().upsertAlert(alert());
        return store().enqueueOutbox({ target: 'console', payload: 'x' }, 1_000);
      });
      expect(store().getAlert('fp-1')).toBeDefined();
      expect(store().dueOutbox(9_000, 10).map((m) => m.id)).toEqual([id]);
    });

    it('transaction undoes every write and rethrows when fn throws', () => {
      expect(() =>
        store().transaction(() => {
          store().upsertAlert(alert());
          store().enqueueOutbox({ target: 'console', payload: 'x', dedupKey: 'k' }, 1_000);
          store().setState('groups', { a: 1 });
          throw new Error('crash between decide and send');
        }),
      ).toThrow('crash between decide and send');
      expect(store().getAlert('fp-1')).toBeUndefined();
      expect(store().countOutbox()).toEqual({ pending: 0, dead: 0 });
      expect(store().getState('groups')).toBeUndefined();
      // The key was rolled back too: the retry queues the message.
      store().enqueueOutbox({ target: 'console', payload: 'x', dedupKey: 'k' }, 2_000);
      expect(store().countOutbox().pending).toBe(1);
    });

    it('transaction joins an outer transaction when nested, and the outer throw undoes both', () => {
      expect(() =>
        store().transaction(() => {
          store().transaction(() => store().setState('inner', 1));
          throw new Error('outer fails');
        }),
      ).toThrow('outer fails');
      expect(store().getState('inner')).toBeUndefined();
    });
  });
}
