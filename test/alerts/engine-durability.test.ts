import { describe, expect, it } from 'vitest';
import { createAlertEngine } from '../../src/alerts/engine.js';
import type { Store } from '../../src/store/store.js';
import { createCapturingLogger } from '../helpers/capture-log.js';
import { createRig, disk, H, M, rule, runFor, S, SETTINGS } from './support.js';

const critical = () => rule({ id: 'disk-critical' });

describe('restart', () => {
  it('continues a pending alert from when it started, across a restart', async () => {
    const rig = createRig([critical()]);
    const start = rig.clock.now();
    await rig.round([disk('/', 95, start)]);
    await runFor(rig, 4, 15 * S, (at) => [disk('/', 95, at)]);
    rig.restart();
    await runFor(rig, 4, 15 * S, (at) => [disk('/', 95, at)]);
    const [alert] = rig.engine.snapshot();
    expect(alert).toMatchObject({ status: 'firing', startsAt: start, firedAt: start + 2 * M });
    expect(rig.slack.seen).toHaveLength(1);
  });

  it('neither re-fires nor re-notifies a firing alert after a restart, and keeps its reminder schedule', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    const firedAt = rig.clock.now();
    expect(rig.slack.seen).toHaveLength(1);
    rig.restart();
    await runFor(rig, 20, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(1);
    expect(rig.engine.snapshot()[0]).toMatchObject({ status: 'firing', firedAt });
    rig.restart();
    await runFor(rig, (4 * H) / (15 * S), 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen.map((s) => s.at - firedAt)).toEqual([0, 4 * H]);
  });

  it('remembers an ack and a silence across a restart', async () => {
    const rig = createRig([critical(), rule({ id: 'disk-critical-data', matchers: { mount: '/data' } })]);
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    const fp = rig.engine.snapshot()[0]?.fingerprint ?? '';
    rig.store.putAck({ fingerprint: fp, by: 'slack:U1', at: rig.clock.now(), note: '' });
    rig.store.addSilence({ id: 's1', matchers: { mount: '/data' }, createdBy: 'slack:U1', comment: 'resize', startsAt: rig.clock.now(), endsAt: rig.clock.now() + 10 * H });
    rig.restart();
    await runFor(rig, (5 * H) / (15 * S), 15 * S, (at) => [disk('/', 95, at), disk('/data', 99, at)]);
    expect(rig.slack.seen).toHaveLength(1);
    expect(rig.store.getAck(fp)?.by).toBe('slack:U1');
    expect(rig.engine.snapshot().find((a) => a.labels.mount === '/data')).toMatchObject({ status: 'firing', mutedBy: 'silence:s1' });
  });

  it('holds firing alerts through a restart until their probe reports again, instead of resolving them', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    rig.restart();
    rig.clock.advance(15 * S);
    const result = await rig.round();
    expect(result.changes).toEqual([]);
    expect(rig.engine.snapshot()[0]?.status).toBe('firing');
  });
});

/** A store whose enqueueOutbox throws the first `failures` times: the process dying between decide and send. */
function crashingOnEnqueue(store: Store, failures: number): Store {
  let left = failures;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'enqueueOutbox') {
        return (...args: Parameters<Store['enqueueOutbox']>) => {
          if (left-- > 0) throw new Error('killed between decide and send');
          return target.enqueueOutbox(...args);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('crash between deciding and sending', () => {
  it('loses nothing and sends once when the round dies before its decisions are stored', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 8, 15 * S, (at) => [disk('/', 95, at)]);
    const { log } = createCapturingLogger();
    const crashing = createAlertEngine({ store: crashingOnEnqueue(rig.store, 1), rules: [critical()], settings: SETTINGS, route: () => ['slack:C1'], now: rig.clock.now, log });
    crashing.observe('host', [disk('/', 95, rig.clock.now() + 15 * S)]);
    rig.clock.advance(15 * S);
    const died = crashing.evaluate();
    expect(died.error).toMatch(/killed between decide and send/);
    // Nothing of that round was stored: the alert is still pending, the outbox empty.
    expect(rig.store.listAlerts()[0]?.status).toBe('pending');
    expect(rig.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
    rig.restart();
    await runFor(rig, 10, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(1);
    expect(rig.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  });

  it('delivers once what was decided and stored before the process died, and does not decide it again', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 8, 15 * S, (at) => [disk('/', 95, at)]);
    rig.clock.advance(15 * S);
    rig.engine.observe('host', [disk('/', 95, rig.clock.now())]);
    expect(rig.engine.evaluate().messages).toBe(1);
    // Dies before the outbox drains.
    rig.restart();
    await runFor(rig, 10, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(1);
    expect(rig.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  });

  it('keeps a notification through rate limiting and delivers it after Retry-After', async () => {
    const rig = createRig([critical()]);
    rig.slack.answers.push({ ok: false, retryable: true, error: 'HTTP 429', retryAfterMs: 90_000 });
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    const decidedAt = rig.clock.now();
    await runFor(rig, 8, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen.map((s) => s.at - decidedAt)).toEqual([0, 90 * S]);
    expect(rig.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  });
});

describe('several instances on one store', () => {
  it('lets only the lease holder evaluate and notify', async () => {
    const rig = createRig([critical()], { instance: 'a' });
    const { log } = createCapturingLogger();
    const other = createAlertEngine({ store: rig.store, rules: [critical()], settings: SETTINGS, route: () => ['slack:C1'], now: rig.clock.now, log, instance: 'b' });
    for (let i = 0; i < 10; i++) {
      rig.clock.advance(15 * S);
      expect((await rig.round([disk('/', 95, rig.clock.now())])).leader).toBe(true);
      other.observe('host', [disk('/', 95, rig.clock.now())]);
      expect(other.evaluate().leader).toBe(false);
    }
    expect(rig.slack.seen).toHaveLength(1);
    expect(rig.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
  });
});

describe('probes that stop running', () => {
  it('resolves the alerts of a probe taken out of the configuration instead of holding them forever', async () => {
    const rig = createRig([rule({ id: 'disk-critical' })]);
    rig.statuses.push({ id: 'host', ok: true, lastRunAt: rig.clock.now(), lastSuccessAt: rig.clock.now(), durationMs: 1, error: undefined, consecutiveFailures: 0 });
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    rig.restart();
    rig.statuses.splice(0, 1, { id: 'services', ok: true, lastRunAt: rig.clock.now(), lastSuccessAt: rig.clock.now(), durationMs: 1, error: undefined, consecutiveFailures: 0 });
    rig.clock.advance(15 * S);
    expect((await rig.round()).changes).toMatchObject([{ ruleId: 'disk-critical', from: 'firing', to: 'resolved' }]);
  });
});
