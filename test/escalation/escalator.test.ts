import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/load-config.js';
import { createEscalator, type Escalator } from '../../src/escalation/escalator.js';
import type { Report } from '../../src/reports/report.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import type { Json, Store } from '../../src/store/store.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createFakeClock } from '../helpers/test-app.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { configFromYaml, firingAlert, ROSTER_YAML } from './support/fixtures.js';

const MINUTE = 60_000;

interface Sent {
  target: string;
  report: Report;
}

function setup(yaml = ROSTER_YAML) {
  const file = join(makeTempDir(), 'store.sqlite');
  const clock = createFakeClock();
  const config = configFromYaml(yaml);
  const sent: Sent[] = [];
  const h = {
    file,
    clock,
    config,
    sent,
    store: openSqliteStore(file) as Store,
    escalator: undefined as unknown as Escalator,
    /** A new process: the same SQLite file opened again, a new escalator with a new instance name. */
    restart(instance = 'second-process') {
      h.store.close();
      h.store = openSqliteStore(file);
      h.escalator = build(h.store, config, clock, sent, instance);
    },
    /** Ticks once a minute up to `minutes` after now, as the sampling loop would. */
    run(minutes: number) {
      for (let i = 0; i < minutes; i++) {
        clock.advance(MINUTE);
        h.escalator.tick();
      }
    },
    targets: () => sent.map((s) => s.target),
  };
  h.escalator = build(h.store, config, clock, sent, 'first-process');
  return h;
}

function build(store: Store, config: Config, clock: ReturnType<typeof createFakeClock>, sent: Sent[], instance: string): Escalator {
  return createEscalator({ store, config, enqueue: (target, report) => sent.push({ target, report }), log: createCapturingLogger().log, now: clock.now, instance, leaseMs: 30_000 });
}

describe('escalation', () => {
  it('runs each step once when it falls due: the primary after 5 minutes, the secondary and contacts 15 minutes later', () => {
    const h = setup();
    h.store.upsertAlert(firingAlert(h.clock.now()));
    h.run(4);
    expect(h.sent).toEqual([]);
    h.run(1);
    expect(h.targets()).toEqual(['email:ana@example.org']);
    expect(h.sent[0]?.report.title).toBe('disk / 96% full');
    h.run(14);
    expect(h.targets()).toHaveLength(1);
    h.run(1);
    expect(h.targets()).toEqual(['email:ana@example.org', 'email:ben@example.org', 'email:dee@example.org', 'email:eve@example.org']);
    h.run(120);
    expect(h.targets()).toHaveLength(4);
    const audit = h.store.listAudit().filter((e) => e.action === 'escalate').sort((a, b) => a.id - b.id);
    expect(audit.map((e) => [e.target, e.outcome, (e.detail as { step: number }).step])).toEqual([
      ['fp-disk-root', 'notified', 1],
      ['fp-disk-root', 'notified', 2],
    ]);
  });

  it('stops for good once someone acknowledges, even if the ack is later removed', () => {
    const h = setup();
    h.store.upsertAlert(firingAlert(h.clock.now()));
    h.run(6);
    h.store.putAck({ fingerprint: 'fp-disk-root', by: 'slack:U0ANA123', at: h.clock.now(), note: '' });
    h.clock.advance(MINUTE);
    expect(h.escalator.tick().stopped).toEqual([{ fingerprint: 'fp-disk-root', reason: 'acknowledged' }]);
    h.store.deleteAck('fp-disk-root');
    h.run(60);
    expect(h.targets()).toEqual(['email:ana@example.org']);
    expect(h.store.listAudit().find((e) => e.action === 'escalation-stopped')).toMatchObject({ outcome: 'acknowledged', detail: { by: 'slack:U0ANA123', stepsDone: 1 } });
  });

  it('ignores an acknowledgement left over from an earlier incident of the same alert', () => {
    const h = setup();
    h.store.putAck({ fingerprint: 'fp-disk-root', by: 'old', at: h.clock.now() - 86_400_000, note: '' });
    h.store.upsertAlert(firingAlert(h.clock.now()));
    h.run(5);
    expect(h.targets()).toEqual(['email:ana@example.org']);
  });

  it('stops when the alert resolves, and starts over when it fires again', () => {
    const h = setup();
    const firstFiring = firingAlert(h.clock.now());
    h.store.upsertAlert(firstFiring);
    h.run(6);
    h.store.upsertAlert({ ...firstFiring, status: 'resolved', resolvedAt: h.clock.now() });
    h.clock.advance(MINUTE);
    expect(h.escalator.tick().stopped).toEqual([{ fingerprint: 'fp-disk-root', reason: 'resolved' }]);
    h.run(30);
    expect(h.targets()).toEqual(['email:ana@example.org']);
    h.store.upsertAlert(firingAlert(h.clock.now()));
    h.run(5);
    expect(h.targets()).toEqual(['email:ana@example.org', 'email:ana@example.org']);
  });

  it('continues after a restart exactly once: no step repeated, none skipped', () => {
    const h = setup();
    h.store.upsertAlert(firingAlert(h.clock.now()));
    h.run(6);
    expect(h.targets()).toEqual(['email:ana@example.org']);
    h.restart();
    // The first process's lease (30 s) has run out by the next tick; the new process takes over.
    h.run(13);
    expect(h.targets()).toHaveLength(1);
    h.run(1);
    expect(h.targets()).toHaveLength(4);
    h.restart('third-process');
    h.run(60);
    expect(h.targets()).toHaveLength(4);
  });

  it('catches up on every step that fell due while the bot was down, once each', () => {
    const h = setup();
    h.store.upsertAlert(firingAlert(h.clock.now()));
    h.run(1);
    h.restart();
    h.clock.advance(45 * MINUTE);
    const result = h.escalator.tick();
    expect(result.notified.map((n) => n.step)).toEqual([1, 2]);
    h.run(10);
    expect(h.targets()).toEqual(['email:ana@example.org', 'email:ben@example.org', 'email:dee@example.org', 'email:eve@example.org']);
  });

  it('escalates on one instance only when several share the store', () => {
    const h = setup();
    const other = build(h.store, h.config, h.clock, h.sent, 'other-instance');
    h.store.upsertAlert(firingAlert(h.clock.now()));
    for (let i = 0; i < 25; i++) {
      h.clock.advance(MINUTE / 4);
      h.escalator.tick();
      expect(other.tick().leader).toBe(false);
    }
    expect(h.targets()).toEqual(['email:ana@example.org']);
  });

  it('picks the first policy whose severity and labels match, and leaves other alerts alone', () => {
    const h = setup(`${ROSTER_YAML}
    - name: database
      severities: [warning]
      matchers: { service: postgresql }
      steps: [{ after: 10m, notify: [slack:C0DBA, contact:Cy] }]
`);
    const now = h.clock.now();
    h.store.upsertAlert(firingAlert(now, { fingerprint: 'db', severity: 'warning', labels: { service: 'postgresql' }, summary: 'slow queries' }));
    h.store.upsertAlert(firingAlert(now, { fingerprint: 'web', severity: 'warning', labels: { service: 'nginx' } }));
    h.store.upsertAlert(firingAlert(now, { fingerprint: 'info', severity: 'info' }));
    h.run(10);
    expect(h.targets()).toEqual(['slack:C0DBA', 'email:cy@example.org']);
    expect(h.sent[0]?.report.actions).toBeUndefined();
  });

  it('holds a silenced alert back and escalates it when the silence ends', () => {
    const h = setup();
    const now = h.clock.now();
    h.store.addSilence({ id: 's1', matchers: { mount: '/' }, createdBy: 'ana', comment: 'resizing', startsAt: now, endsAt: now + 30 * MINUTE });
    h.store.upsertAlert(firingAlert(now));
    h.run(29);
    expect(h.sent).toEqual([]);
    h.run(1);
    expect(h.targets()).toEqual(['email:ana@example.org', 'email:ben@example.org', 'email:dee@example.org', 'email:eve@example.org']);
  });

  it('pages whoever holds the role when the step fires, overrides included', () => {
    const h = setup(`${ROSTER_YAML}
  overrides:
    - { who: Eve, from: "2026-12-04T09:03Z", to: "2026-12-05T00:00Z" }
`);
    h.store.upsertAlert(firingAlert(h.clock.now()));
    h.run(5);
    expect(h.targets()).toEqual(['email:eve@example.org']);
    expect(h.sent[0]?.report.sections.flatMap((s) => s.blocks).some((b) => b.kind === 'list' && b.items.some((i) => i.text.includes('primary on-call (Eve)')))).toBe(true);
  });

  it('holds back an alert the engine muted (silence or inhibition)', () => {
    const h = setup();
    h.store.upsertAlert(firingAlert(h.clock.now(), { mutedBy: 'inhibited:fp-db-down' }));
    h.run(30);
    expect(h.sent).toEqual([]);
  });

  it('undoes a step that fails half-way and sends it whole, once, on the next tick', () => {
    const file = join(makeTempDir(), 'store.sqlite');
    const store = openSqliteStore(file);
    const clock = createFakeClock();
    let calls = 0;
    const { log, lines } = createCapturingLogger();
    const escalator = createEscalator({
      store,
      config: configFromYaml(ROSTER_YAML),
      enqueue(target, report) {
        calls++;
        if (calls === 3) throw new Error('disk full');
        return store.enqueueOutbox({ target, payload: { kind: 'report', report: report as unknown as Json } }, clock.now());
      },
      log,
      now: clock.now,
      instance: 'i',
    });
    store.upsertAlert(firingAlert(clock.now()));
    clock.advance(20 * MINUTE);
    // Step 1 (Ana) commits; step 2 fails at its second recipient and leaves nothing behind.
    expect(escalator.tick().notified.map((n) => n.step)).toEqual([1]);
    expect(store.countOutbox().pending).toBe(1);
    clock.advance(MINUTE);
    expect(escalator.tick().notified.map((n) => n.step)).toEqual([2]);
    expect(store.dueOutbox(clock.now(), 50).map((m) => m.target)).toEqual([
      'email:ana@example.org',
      'email:ben@example.org',
      'email:dee@example.org',
      'email:eve@example.org',
    ]);
    expect(lines().filter((l) => l['msg'] === 'escalation failed; will retry next tick')).toHaveLength(1);
    store.close();
  });
});
