import { describe, expect, it } from 'vitest';
import { createRig, disk, H, M, rule, runFor, S } from './support.js';

const critical = () => rule({ id: 'disk-critical' });
const statuses = (rig: ReturnType<typeof createRig>) => rig.engine.snapshot().map((alert) => alert.status);

describe('alert lifecycle', () => {
  it('goes pending when the threshold is crossed and fires once the condition held for `for`', async () => {
    const rig = createRig([critical()]);
    const first = await rig.round([disk('/', 95, rig.clock.now())]);
    expect(first.changes).toMatchObject([{ ruleId: 'disk-critical', from: 'none', to: 'pending' }]);
    await runFor(rig, 7, 15 * S, (at) => [disk('/', 95, at)]);
    expect(statuses(rig)).toEqual(['pending']);
    rig.clock.advance(15 * S);
    const fired = await rig.round([disk('/', 96, rig.clock.now())]);
    expect(fired.changes).toMatchObject([{ from: 'pending', to: 'firing' }]);
    const [alert] = rig.engine.snapshot();
    expect(alert).toMatchObject({ status: 'firing', value: 96, summary: '/ is 96% full', startsAt: rig.clock.now() - 2 * M, firedAt: rig.clock.now() });
    expect(rig.store.getAlert(alert?.fingerprint ?? '')).toMatchObject({ status: 'firing', firedAt: rig.clock.now() });
  });

  it('clears a pending alert without any notification when the value drops before `for`', async () => {
    const rig = createRig([critical()]);
    await rig.round([disk('/', 95, rig.clock.now())]);
    await runFor(rig, 4, 15 * S, (at) => [disk('/', 95, at)]);
    rig.clock.advance(15 * S);
    const result = await rig.round([disk('/', 50, rig.clock.now())]);
    expect(result.changes).toMatchObject([{ from: 'pending', to: 'resolved' }]);
    await runFor(rig, 40, 15 * S, (at) => [disk('/', 50, at)]);
    expect(rig.slack.seen).toEqual([]);
  });

  it('keeps firing between the clear threshold and the threshold (hysteresis) and resolves below the clear threshold', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 10, 15 * S, (at) => [disk('/', 95, at)]);
    expect(statuses(rig)).toEqual(['firing']);
    await runFor(rig, 4, 15 * S, (at) => [disk('/', 87, at)]);
    expect(statuses(rig)).toEqual(['firing']);
    rig.clock.advance(15 * S);
    const result = await rig.round([disk('/', 84, rig.clock.now())]);
    expect(result.changes).toMatchObject([{ from: 'firing', to: 'resolved' }]);
  });

  it('does not start pending in the hysteresis band: only the threshold raises', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 20, 15 * S, (at) => [disk('/', 88, at)]);
    expect(rig.engine.snapshot()).toEqual([]);
  });

  it('notifies at the moment of firing when `for` covered the group wait, then sends a resolve notice', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 8, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(0);
    rig.clock.advance(15 * S);
    await rig.round([disk('/', 95, rig.clock.now())]);
    expect(rig.slack.seen).toHaveLength(1);
    expect(rig.slack.seen[0]?.report.title).toBe('CRITICAL: / is 95% full');
    expect(rig.slack.seen[0]?.at).toBe(rig.clock.now());
    // The resolve comes at the next group interval tick (5 min after the notification).
    rig.clock.advance(15 * S);
    await rig.round([disk('/', 40, rig.clock.now())]);
    expect(rig.slack.seen).toHaveLength(1);
    await runFor(rig, 19, 15 * S, (at) => [disk('/', 40, at)]);
    expect(rig.slack.seen).toHaveLength(2);
    expect(rig.slack.seen[1]?.report).toMatchObject({ title: 'RESOLVED: / is 95% full', severity: 'ok' });
    expect(rig.slack.seen[1]?.at).toBe(rig.slack.seen[0]!.at + 5 * M);
  });

  it('waits the group wait before the first notice of a rule that fires at once', async () => {
    const rig = createRig([rule({ id: 'disk-critical', for: 0 })]);
    await rig.round([disk('/', 95, rig.clock.now())]);
    expect(statuses(rig)).toEqual(['firing']);
    await runFor(rig, 1, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(0);
    await runFor(rig, 1, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(1);
  });

  it('sends nothing for an alert that fires and resolves within the group wait', async () => {
    const rig = createRig([rule({ id: 'disk-critical', for: 0, clearThreshold: undefined })]);
    await rig.round([disk('/', 95, rig.clock.now())]);
    rig.clock.advance(15 * S);
    await rig.round([disk('/', 20, rig.clock.now())]);
    await runFor(rig, 40, 15 * S, (at) => [disk('/', 20, at)]);
    expect(rig.slack.seen).toEqual([]);
  });

  it('tells a second alert of the same group at the next group interval, with the whole group', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(1);
    const firstAt = rig.clock.now();
    await runFor(rig, 30, 15 * S, (at) => [disk('/', 95, at), disk('/data', 97, at)]);
    expect(rig.slack.seen).toHaveLength(2);
    const second = rig.slack.seen[1];
    expect(second?.at).toBe(firstAt + 5 * M);
    expect(second?.report.title).toBe('CRITICAL: disk-critical: 2 firing');
    expect(second?.report.actions?.map((a) => a.command)).toEqual(['ack disk-critical --all', 'silence rule=disk-critical 1h "silenced from the alert notification"', 'runbook disk-critical']);
  });

  it('repeats a group that still fires every repeat interval, checked on group interval ticks', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    const firstAt = rig.clock.now();
    await runFor(rig, (4 * H) / (15 * S) + 1, 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen.map((s) => s.at - firstAt)).toEqual([0, 4 * H]);
    expect(rig.slack.seen[1]?.report.title).toBe('Still firing: / is 95% full');
  });

  it('stops reminders for an acknowledged alert while it stays firing and listed', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    const [alert] = rig.engine.snapshot();
    rig.store.putAck({ fingerprint: alert?.fingerprint ?? '', by: 'slack:U1', at: rig.clock.now(), note: '' });
    await runFor(rig, (5 * H) / (15 * S), 15 * S, (at) => [disk('/', 95, at)]);
    expect(rig.slack.seen).toHaveLength(1);
    expect(statuses(rig)).toEqual(['firing']);
  });

  it('forgets the ack when the alert resolves, so its next firing is unacknowledged', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at)]);
    const fp = rig.engine.snapshot()[0]?.fingerprint ?? '';
    rig.store.putAck({ fingerprint: fp, by: 'slack:U1', at: rig.clock.now(), note: '' });
    await runFor(rig, 1, 15 * S, (at) => [disk('/', 10, at)]);
    expect(rig.store.getAck(fp)).toBeUndefined();
  });

  it('resolves the alerts of a series that disappears from a probe that still reports', async () => {
    const rig = createRig([critical()]);
    await runFor(rig, 9, 15 * S, (at) => [disk('/', 95, at), disk('/mnt/usb', 99, at)]);
    expect(statuses(rig)).toEqual(['firing', 'firing']);
    const result = await (async () => {
      rig.clock.advance(15 * S);
      return rig.round([disk('/', 95, rig.clock.now())]);
    })();
    expect(result.changes).toMatchObject([{ to: 'resolved' }]);
    expect(rig.engine.snapshot().find((a) => a.labels.mount === '/mnt/usb')?.status).toBe('resolved');
  });

  it('routes by severity: a rule whose severity has no route queues nothing', async () => {
    const rig = createRig([rule({ id: 'disk-info', severity: 'info', for: 0 })], { route: (severity) => (severity === 'info' ? [] : ['slack:C1']) });
    await runFor(rig, 10, 15 * S, (at) => [disk('/', 95, at)]);
    expect(statuses(rig)).toEqual(['firing']);
    expect(rig.store.countOutbox()).toEqual({ pending: 0, dead: 0 });
    expect(rig.slack.seen).toEqual([]);
  });

  it('evaluates rules at most once per evaluation interval while flushing groups every round', async () => {
    const rig = createRig([critical()], { settings: { evaluationInterval: M } });
    expect((await rig.round([disk('/', 95, rig.clock.now())])).evaluated).toBe(true);
    rig.clock.advance(15 * S);
    expect((await rig.round([disk('/', 95, rig.clock.now())])).evaluated).toBe(false);
    rig.clock.advance(45 * S);
    expect((await rig.round([disk('/', 95, rig.clock.now())])).evaluated).toBe(true);
  });
});
