import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/probes/probe.js';
import type { Report } from '../../src/reports/report.js';
import { createFakeProbe } from '../helpers/fake-probes.js';
import { createAlertingApp, type AlertingApp } from './alerting-app.js';

const S = 1_000;

/** A host probe whose filesystems the test sets. */
function hostProbe(disks: Map<string, number>, now: () => number) {
  return createFakeProbe('host', () => ({
    detail: {},
    samples: [...disks].map(([mount, value]): Sample => ({ metric: 'host_filesystem_used_percent', labels: { mount }, value, at: now() })),
  }));
}

async function firing(mounts: Record<string, number>): Promise<AlertingApp & { disks: Map<string, number> }> {
  const disks = new Map(Object.entries(mounts));
  let clock: () => number = () => 0;
  const rig = createAlertingApp([hostProbe(disks, () => clock())]);
  clock = rig.clock.now;
  for (let i = 0; i < 10; i++) {
    await rig.tick();
    rig.clock.advance(15 * S);
  }
  return Object.assign(rig, { disks });
}

function ok(result: Awaited<ReturnType<AlertingApp['run']>>): Report {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.report;
}

function tableRows(report: Report): string[][] {
  return report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? b.rows.map((r) => r.cells) : [])));
}

describe('alert commands through the app', () => {
  it('alerts says nothing fires when nothing does', async () => {
    const rig = await firing({ '/': 40 });
    expect(ok(await rig.run('alerts')).summary).toBe('Nothing is firing or pending.');
  });

  it('alerts lists firing alerts with id, severity, age and state, and shows one in full', async () => {
    const rig = await firing({ '/': 96 });
    const list = ok(await rig.run('alerts'));
    // The warning twin is pending (its `for` is 5 minutes) and will be inhibited by the critical once it fires.
    expect(list.summary).toBe('1 firing, 1 pending');
    const [row] = tableRows(list);
    expect(row?.slice(1, 4)).toEqual(['critical', 'firing', '/ is 96% full']);
    const id = row?.[0] ?? '';
    const detail = ok(await rig.run(`alerts ${id}`));
    expect(detail.title).toBe('CRITICAL: / is 96% full');
    expect(detail.sections.map((s) => s.title)).toContain('Runbook');
  });

  it('the buttons of a notification are commands that run', async () => {
    const rig = await firing({ '/': 96 });
    const notification = rig.slack.seen.find((s) => s.report.title === 'CRITICAL: / is 96% full');
    expect(notification?.report.actions?.map((a) => a.label)).toEqual(['Acknowledge', 'Silence 1h', 'Runbook']);
    for (const action of notification?.report.actions ?? []) {
      const result = await rig.run(action.command ?? '', { platform: 'slack', user: { id: 'U1', groups: ['S1'] } });
      // slack users are viewers by default: ack and silence need operator, runbook does not.
      if (action.id === 'runbook') expect(result.ok).toBe(true);
      else expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    for (const action of notification?.report.actions ?? []) expect((await rig.run(action.command ?? '')).ok).toBe(true);
  });

  it('ack records who and when, audits it, stops reminders and keeps the alert listed', async () => {
    const rig = await firing({ '/': 96 });
    const id = tableRows(ok(await rig.run('alerts')))[0]?.[0] ?? '';
    const acked = ok(await rig.run(`ack ${id.slice(0, 5)} --note "on it"`));
    expect(acked.title).toBe('Acknowledged 1 alert');
    const fingerprint = rig.store.listAlerts()[0]?.fingerprint ?? '';
    expect(rig.store.getAck(fingerprint)).toMatchObject({ by: 'cli:alice', at: rig.clock.now(), note: 'on it' });
    expect(rig.store.listAudit({ limit: 1 })[0]).toMatchObject({ actor: 'cli:alice', action: 'ack', target: fingerprint, outcome: 'ok' });
    expect(tableRows(ok(await rig.run('alerts')))[0]?.[5]).toMatch(/^acked by cli:alice/);
    expect(ok(await rig.run('ack disk-critical')).title).toBe('Already acknowledged');
  });

  it('ack by rule id works when the rule has one alert, refuses when it has several, and --all takes them all', async () => {
    const rig = await firing({ '/': 96, '/data': 97 });
    expect(await rig.run('ack disk-critical')).toMatchObject({ ok: false, error: { code: 'bad_option', message: expect.stringContaining('"disk-critical" matches 2 alerts') } });
    expect(ok(await rig.run('ack disk-critical --all')).title).toBe('Acknowledged 2 alerts');
  });

  it('ack refuses an unknown alert with a suggestion, and a missing argument', async () => {
    const rig = await firing({ '/': 96 });
    expect(await rig.run('ack disk-critcal')).toMatchObject({ ok: false, error: { code: 'not_found', hint: 'did you mean "disk-critical"?' } });
    expect(await rig.run('ack')).toMatchObject({ ok: false, error: { code: 'missing_argument' } });
  });

  it('silence mutes by matcher with a reason, silences lists it, unsilence ends it, all audited', async () => {
    const rig = await firing({ '/': 96 });
    const created = ok(await rig.run('silence mount=/ 2h "resizing the volume"'));
    expect(created.title).toBe('Silenced mount=/ for 2h');
    const [silence] = rig.store.listActiveSilences(rig.clock.now());
    expect(silence).toMatchObject({ matchers: { mount: '/' }, createdBy: 'cli:alice', comment: 'resizing the volume', endsAt: rig.clock.now() + 2 * 3_600_000 });
    expect(tableRows(ok(await rig.run('silences')))[0]).toEqual([silence?.id, 'mount=/', 'cli:alice', 'resizing the volume', '2h', '2']);
    expect(tableRows(ok(await rig.run('alerts')))[0]?.[5]).toMatch(/^silenced/);
    expect(ok(await rig.run(`unsilence ${silence?.id}`)).title).toBe(`Silence ${silence?.id} ended`);
    expect(rig.store.listActiveSilences(rig.clock.now())).toEqual([]);
    expect(rig.store.listAudit().map((e) => e.action)).toEqual(['unsilence', 'silence']);
  });

  it('silence by alert id silences exactly that alert; by rule id every alert of the rule', async () => {
    const rig = await firing({ '/': 96, '/data': 97 });
    const alert = rig.store.listAlerts().find((a) => a.labels.mount === '/data');
    ok(await rig.run(`silence ${alert?.fingerprint.slice(0, 8)} 1h known`));
    expect(rig.store.listActiveSilences(rig.clock.now())[0]?.matchers).toEqual(alert?.labels);
    ok(await rig.run('silence rule=disk-critical 1h all'));
    ok(await rig.run('silence disk-critical 1h all'));
    const matchers = rig.store.listActiveSilences(rig.clock.now()).map((s) => JSON.stringify(s.matchers));
    expect(matchers.filter((m) => m === JSON.stringify({ alertname: 'disk-critical' }))).toHaveLength(2);
  });

  it('silence refuses bad matchers, bad or too long durations, and an empty reason, each with a clear code', async () => {
    const rig = await firing({ '/': 96 });
    expect(await rig.run('silence mount= 1h x')).toMatchObject({ ok: false, error: { code: 'bad_option', message: expect.stringContaining('mount has no value') } });
    expect(await rig.run('silence mount=/,mount=/data 1h x')).toMatchObject({ ok: false, error: { code: 'bad_option', message: expect.stringContaining('given twice') } });
    expect(await rig.run('silence 9-bad=1 1h x')).toMatchObject({ ok: false, error: { code: 'bad_option', message: expect.stringContaining('not a label name') } });
    expect(await rig.run('silence nosuchalert 1h x')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await rig.run('silence mount=/ soon x')).toMatchObject({ ok: false, error: { code: 'bad_option' } });
    expect(await rig.run('silence mount=/ 30s x')).toMatchObject({ ok: false, error: { code: 'bad_option', message: expect.stringContaining('at least 1m') } });
    expect(await rig.run('silence mount=/ 31d x')).toMatchObject({ ok: false, error: { code: 'bad_option', message: expect.stringContaining('longer than the longest silence allowed (30d)') } });
    expect(await rig.run('silence mount=/ 1h " "')).toMatchObject({ ok: false, error: { code: 'missing_argument' } });
    expect(await rig.run('silence mount=/ 1h')).toMatchObject({ ok: false, error: { code: 'missing_argument' } });
    expect(await rig.run('unsilence deadbeef')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(rig.store.listActiveSilences(rig.clock.now())).toEqual([]);
  });

  it('runbook answers a topic, a rule id and an alert id, lists topics, and suggests near misses', async () => {
    const rig = await firing({ '/': 96 });
    expect(ok(await rig.run('runbook rollback')).title).toBe('Runbook: Rolling back a deployment');
    expect(ok(await rig.run('runbook celery-restart')).sections[0]?.blocks[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('kills every ffmpeg') });
    expect(ok(await rig.run('runbook disk-critical')).title).toBe('Runbook: disk-critical: {{mount}} is {{value}}% full');
    const id = rig.store.listAlerts()[0]?.fingerprint.slice(0, 8) ?? '';
    expect(ok(await rig.run(`runbook ${id}`)).title).toBe('Runbook: / is 96% full (mount=/)');
    expect(ok(await rig.run('runbook')).sections.map((s) => s.title)).toEqual(['Topics', 'Rules']);
    expect(await rig.run('runbook rolback')).toMatchObject({ ok: false, error: { code: 'not_found', hint: 'did you mean "rollback"?' } });
  });
});
