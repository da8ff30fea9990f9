import { describe, expect, it } from 'vitest';
import type { AlertRecord, ConfirmationRecord, SilenceRecord } from '../../src/store/store.js';
import type { CurrentStore } from './store-contract.js';

function makeAlert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  return {
    fingerprint: 'fp-disk',
    ruleId: 'disk-full',
    status: 'firing',
    severity: 'critical',
    labels: { mount: '/var/lib/postgresql', host: 'web-1' },
    summary: 'disk 97% full',
    value: 97.25,
    startsAt: 1_000,
    updatedAt: 2_000,
    firedAt: 1_500,
    resolvedAt: null,
    lastNotifiedAt: null,
    ...overrides,
  };
}

function makeSilence(overrides: Partial<SilenceRecord> = {}): SilenceRecord {
  return {
    id: 'sil-1',
    matchers: { ruleId: 'disk-full', host: 'web-1' },
    createdBy: 'U123',
    comment: 'resizing the volume',
    startsAt: 1_000,
    endsAt: 2_000,
    ...overrides,
  };
}

function makeConfirmation(overrides: Partial<ConfirmationRecord> = {}): ConfirmationRecord {
  return {
    id: 'conf-1',
    action: 'restart-celery',
    requestedBy: 'U123',
    channel: 'slack:C0123',
    plan: { units: ['celery-worker', 'celery-beat'], drain: { seconds: 30, force: false }, note: null },
    createdAt: 1_000,
    expiresAt: 2_000,
    ...overrides,
  };
}

export function describeAlertingContract(store: CurrentStore): void {
  describe('alerts', () => {
    it('getAlert returns undefined when the fingerprint is unknown', () => {
      expect(store().getAlert('nope')).toBeUndefined();
    });

    it('getAlert returns every field as written when the alert was upserted', () => {
      const alert = makeAlert();
      store().upsertAlert(alert);
      expect(store().getAlert('fp-disk')).toEqual(alert);
    });

    it('getAlert keeps null value and timestamps when they are null', () => {
      const alert = makeAlert({ value: null, firedAt: null, status: 'pending', labels: {} });
      store().upsertAlert(alert);
      expect(store().getAlert('fp-disk')).toEqual(alert);
    });

    it('upsertAlert replaces the record when the fingerprint already exists', () => {
      store().upsertAlert(makeAlert());
      const resolved = makeAlert({ status: 'resolved', resolvedAt: 3_000, updatedAt: 3_000, lastNotifiedAt: 3_000 });
      store().upsertAlert(resolved);
      expect(store().getAlert('fp-disk')).toEqual(resolved);
      expect(store().listAlerts()).toHaveLength(1);
    });

    it('listAlerts returns alerts of every status when no status is given', () => {
      store().upsertAlert(makeAlert({ fingerprint: 'a', status: 'pending' }));
      store().upsertAlert(makeAlert({ fingerprint: 'b', status: 'firing' }));
      store().upsertAlert(makeAlert({ fingerprint: 'c', status: 'resolved' }));
      const fingerprints = (list: AlertRecord[]) => list.map((alert) => alert.fingerprint).sort();
      expect(fingerprints(store().listAlerts())).toEqual(['a', 'b', 'c']);
      expect(fingerprints(store().listAlerts({ status: undefined }))).toEqual(['a', 'b', 'c']);
    });

    it('listAlerts returns only matching alerts when filtered by status', () => {
      store().upsertAlert(makeAlert({ fingerprint: 'a', status: 'pending' }));
      store().upsertAlert(makeAlert({ fingerprint: 'b', status: 'firing' }));
      store().upsertAlert(makeAlert({ fingerprint: 'c', status: 'firing' }));
      const firing = store().listAlerts({ status: 'firing' });
      expect(firing.map((alert) => alert.fingerprint).sort()).toEqual(['b', 'c']);
      expect(firing[0]).toEqual(makeAlert({ fingerprint: firing[0]?.fingerprint ?? '', status: 'firing' }));
      expect(store().listAlerts({ status: 'resolved' })).toEqual([]);
    });
  });

  describe('silences', () => {
    it('listActiveSilences contains a silence from startsAt up to but excluding endsAt', () => {
      const silence = makeSilence();
      store().addSilence(silence);
      expect(store().listActiveSilences(999)).toEqual([]);
      expect(store().listActiveSilences(1_000)).toEqual([silence]);
      expect(store().listActiveSilences(1_999)).toEqual([silence]);
      expect(store().listActiveSilences(2_000)).toEqual([]);
    });

    it('listActiveSilences returns only the silences whose window contains now when several exist', () => {
      store().addSilence(makeSilence({ id: 'past', startsAt: 0, endsAt: 500 }));
      store().addSilence(makeSilence({ id: 'now', startsAt: 900, endsAt: 1_100 }));
      store().addSilence(makeSilence({ id: 'future', startsAt: 5_000, endsAt: 6_000 }));
      expect(store().listActiveSilences(1_000).map((silence) => silence.id)).toEqual(['now']);
    });

    it('expireSilence ends the silence at now when it is active', () => {
      store().addSilence(makeSilence());
      expect(store().expireSilence('sil-1', 1_500)).toBe(true);
      expect(store().listActiveSilences(1_499).map((silence) => silence.id)).toEqual(['sil-1']);
      expect(store().listActiveSilences(1_500)).toEqual([]);
    });

    it('expireSilence keeps the original end when now is past it', () => {
      store().addSilence(makeSilence());
      expect(store().expireSilence('sil-1', 5_000)).toBe(true);
      expect(store().listActiveSilences(3_000)).toEqual([]);
    });

    it('expireSilence returns false when the id is unknown', () => {
      expect(store().expireSilence('nope', 1_500)).toBe(false);
    });
  });

  describe('acks', () => {
    const ack = { fingerprint: 'fp-disk', by: 'U123', at: 1_000, note: 'on it' };

    it('getAck returns the ack when it was put', () => {
      store().putAck(ack);
      expect(store().getAck('fp-disk')).toEqual(ack);
    });

    it('putAck replaces the ack when the fingerprint was already acked', () => {
      store().putAck(ack);
      store().putAck({ ...ack, by: 'U456', at: 2_000, note: '' });
      expect(store().getAck('fp-disk')).toEqual({ ...ack, by: 'U456', at: 2_000, note: '' });
    });

    it('getAck returns undefined when the ack was deleted or never put', () => {
      store().putAck(ack);
      store().deleteAck('fp-disk');
      expect(store().getAck('fp-disk')).toBeUndefined();
      expect(() => store().deleteAck('never')).not.toThrow();
    });
  });

  describe('confirmations', () => {
    it('takeConfirmation returns the record with its plan once when the requester takes it', () => {
      const confirmation = makeConfirmation();
      store().putConfirmation(confirmation);
      expect(store().takeConfirmation('conf-1', 'U123', 1_500)).toEqual(confirmation);
      expect(store().takeConfirmation('conf-1', 'U123', 1_500)).toBeUndefined();
    });

    it('takeConfirmation returns undefined and leaves the record when someone else takes it', () => {
      store().putConfirmation(makeConfirmation());
      expect(store().takeConfirmation('conf-1', 'U999', 1_500)).toBeUndefined();
      expect(store().takeConfirmation('conf-1', 'U123', 1_500)).toEqual(makeConfirmation());
    });

    it('takeConfirmation returns undefined when now is at or past expiresAt', () => {
      store().putConfirmation(makeConfirmation());
      expect(store().takeConfirmation('conf-1', 'U123', 2_000)).toBeUndefined();
      expect(store().takeConfirmation('conf-1', 'U123', 9_000)).toBeUndefined();
    });

    it('takeConfirmation returns undefined when the id is unknown', () => {
      expect(store().takeConfirmation('nope', 'U123', 1_500)).toBeUndefined();
    });

    it('purgeExpiredConfirmations removes and counts only the expired ones', () => {
      store().putConfirmation(makeConfirmation({ id: 'old-1', expiresAt: 1_000 }));
      store().putConfirmation(makeConfirmation({ id: 'old-2', expiresAt: 1_500 }));
      store().putConfirmation(makeConfirmation({ id: 'live', expiresAt: 3_000 }));
      expect(store().purgeExpiredConfirmations(1_500)).toBe(2);
      expect(store().purgeExpiredConfirmations(1_500)).toBe(0);
      expect(store().takeConfirmation('live', 'U123', 1_500)?.id).toBe('live');
    });
  });
}
