import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/store/store.js';
import type { CurrentStore } from './store-contract.js';

function makeAudit(overrides: Partial<Omit<AuditEntry, 'id'>> = {}): Omit<AuditEntry, 'id'> {
  return {
    at: 1_000,
    actor: 'U123',
    action: 'restart-celery',
    target: 'celery-worker',
    outcome: 'ok',
    detail: { exitCode: 0, units: ['celery-worker'], dryRun: false },
    ...overrides,
  };
}

export function describeMessagingContract(store: CurrentStore): void {
  describe('outbox', () => {
    it('enqueueOutbox returns a new id for each message', () => {
      const first = store().enqueueOutbox({ target: 'console', payload: 'a' }, 1_000);
      const second = store().enqueueOutbox({ target: 'console', payload: 'b' }, 1_000);
      expect(Number.isInteger(first)).toBe(true);
      expect(second).not.toBe(first);
    });

    it('dueOutbox returns a fresh message with no attempts, due at its creation time', () => {
      const payload = { report: { title: 'Disk', fields: [{ name: 'used', value: '97%' }] } };
      const id = store().enqueueOutbox({ target: 'slack:C0123', payload }, 1_000);
      expect(store().dueOutbox(999, 10)).toEqual([]);
      expect(store().dueOutbox(1_000, 10)).toEqual([
        { id, target: 'slack:C0123', payload, attempts: 0, notBefore: 1_000, createdAt: 1_000, lastError: null },
      ]);
    });

    it('dueOutbox returns the oldest messages first, up to limit', () => {
      const ids = [3_000, 1_000, 2_000].map((now) =>
        store().enqueueOutbox({ target: 'console', payload: now }, now),
      );
      expect(store().dueOutbox(5_000, 10).map((message) => message.id)).toEqual([ids[1], ids[2], ids[0]]);
      expect(store().dueOutbox(5_000, 2).map((message) => message.id)).toEqual([ids[1], ids[2]]);
    });

    it('dueOutbox leaves a message out until its notBefore is reached when it is scheduled later', () => {
      const id = store().enqueueOutbox({ target: 'email:oncall', payload: null, notBefore: 5_000 }, 1_000);
      expect(store().dueOutbox(4_999, 10)).toEqual([]);
      expect(store().dueOutbox(5_000, 10).map((message) => message.id)).toEqual([id]);
      expect(store().countOutbox()).toEqual({ pending: 1, dead: 0 });
    });

    it('markOutboxFailed counts the attempt, keeps the error and reschedules when a send fails', () => {
      const id = store().enqueueOutbox({ target: 'discord:9876', payload: 'x' }, 1_000);
      store().markOutboxFailed(id, 'HTTP 429', 4_000);
      expect(store().dueOutbox(3_999, 10)).toEqual([]);
      const [message] = store().dueOutbox(4_000, 10);
      expect(message).toMatchObject({ id, attempts: 1, lastError: 'HTTP 429', notBefore: 4_000, createdAt: 1_000 });
      store().markOutboxFailed(id, 'HTTP 503', 6_000);
      expect(store().dueOutbox(6_000, 10)[0]).toMatchObject({ attempts: 2, lastError: 'HTTP 503' });
    });

    it('deadLetterOutbox takes the message out of the due set and counts it as dead', () => {
      const dead = store().enqueueOutbox({ target: 'slack:C0123', payload: 'x' }, 1_000);
      const alive = store().enqueueOutbox({ target: 'slack:C0123', payload: 'y' }, 1_000);
      store().deadLetterOutbox(dead, 'channel_not_found');
      expect(store().dueOutbox(9_000, 10).map((message) => message.id)).toEqual([alive]);
      expect(store().countOutbox()).toEqual({ pending: 1, dead: 1 });
    });

    it('markOutboxSent removes the message from the due set and the pending count', () => {
      const id = store().enqueueOutbox({ target: 'console', payload: 'x' }, 1_000);
      expect(store().countOutbox()).toEqual({ pending: 1, dead: 0 });
      store().markOutboxSent(id);
      expect(store().dueOutbox(9_000, 10)).toEqual([]);
      expect(store().countOutbox()).toEqual({ pending: 0, dead: 0 });
    });

    it('enqueueOutbox does not reuse an id when an earlier message was sent', () => {
      const first = store().enqueueOutbox({ target: 'console', payload: 'x' }, 1_000);
      store().markOutboxSent(first);
      expect(store().enqueueOutbox({ target: 'console', payload: 'y' }, 2_000)).not.toBe(first);
    });
  });

  describe('audit (listAudit returns newest first)', () => {
    it('listAudit returns every entry newest first with its id and detail when no filter is given', () => {
      const first = store().appendAudit(makeAudit({ at: 1_000 }));
      const second = store().appendAudit(makeAudit({ at: 2_000, outcome: 'refused', detail: null }));
      expect(second).not.toBe(first);
      expect(store().listAudit()).toEqual([
        { id: second, ...makeAudit({ at: 2_000, outcome: 'refused', detail: null }) },
        { id: first, ...makeAudit({ at: 1_000 }) },
      ]);
    });

    it('listAudit orders entries with the same time by insertion, newest first', () => {
      const first = store().appendAudit(makeAudit({ at: 1_000 }));
      const second = store().appendAudit(makeAudit({ at: 1_000 }));
      expect(store().listAudit().map((entry) => entry.id)).toEqual([second, first]);
    });

    it('listAudit returns entries at or after since when since is given', () => {
      for (const at of [1_000, 2_000, 3_000]) store().appendAudit(makeAudit({ at }));
      expect(store().listAudit({ since: 2_000 }).map((entry) => entry.at)).toEqual([3_000, 2_000]);
      expect(store().listAudit({ since: 4_000 })).toEqual([]);
    });

    it('listAudit returns the newest entries up to limit when limit is given', () => {
      for (const at of [1_000, 2_000, 3_000]) store().appendAudit(makeAudit({ at }));
      expect(store().listAudit({ limit: 2 }).map((entry) => entry.at)).toEqual([3_000, 2_000]);
      expect(store().listAudit({ since: 1_000, limit: 1 }).map((entry) => entry.at)).toEqual([3_000]);
      expect(store().listAudit({ since: undefined, limit: undefined })).toHaveLength(3);
    });
  });
}
