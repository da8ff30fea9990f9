import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/errors.js';
import { createSilentLogger } from '../../src/log.js';
import type { ProbeContext } from '../../src/probes/probe.js';
import { createServicesProbe } from '../../src/probes/services.js';
import { normalizeUnitName, parseSystemctlShow, parseSystemdTimestamp } from '../../src/probes/systemctl.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/systemctl/', import.meta.url));
const NOW = Date.parse('2026-12-03T10:05:00Z');

function readFixture(name: string): Promise<string> {
  return readFile(join(FIXTURES, name), 'utf8');
}

function createContext(signal: AbortSignal = new AbortController().signal): ProbeContext {
  return { now: () => NOW, log: createSilentLogger(), signal };
}

describe('parseSystemctlShow', () => {
  it('reads state, restarts, since and pid of every unit when systemd answers for several units', async () => {
    const units = ['nginx.service', 'uwsgi.service', 'celery_long.service', 'celery_short.service', 'postgresql@15-main.service'];
    const statuses = parseSystemctlShow(await readFixture('show-platform.txt'), units);

    expect(statuses.map((s) => [s.unit, s.state, s.subState])).toEqual([
      ['nginx.service', 'active', 'running'],
      ['uwsgi.service', 'active', 'running'],
      ['celery_long.service', 'failed', 'failed'],
      ['celery_short.service', 'activating', 'auto-restart'],
      ['postgresql@15-main.service', 'active', 'running'],
    ]);
    expect(statuses.map((s) => s.restarts)).toEqual([0, 2, 5, 3, 0]);
    expect(statuses.map((s) => s.mainPid)).toEqual([812, 1043, null, null, 901]);
    expect(statuses[0]).toMatchObject({ since: Date.parse('2026-12-03T10:00:01Z'), description: 'A high performance web server and a reverse proxy server' });
    expect(statuses[0]).not.toHaveProperty('reason');
  });

  it('dates a running unit from when it became active when it was reloaded later', async () => {
    const [, uwsgi] = parseSystemctlShow(await readFixture('show-platform.txt'), ['a', 'uwsgi.service', 'c', 'd', 'e']);
    expect(uwsgi?.since).toBe(Date.parse('2026-12-02T22:15:30Z'));
  });

  it('dates a failed unit from when it failed when it was active before', async () => {
    const [, , celery] = parseSystemctlShow(await readFixture('show-platform.txt'), ['a', 'b', 'celery_long.service', 'd', 'e']);
    expect(celery?.since).toBe(Date.parse('2026-12-03T10:02:47Z'));
  });

  it('reports not-found with empty timestamps as null when the unit is not installed', async () => {
    const [redis] = parseSystemctlShow(await readFixture('show-not-found.txt'), ['redis-server.service']);
    expect(redis).toEqual({
      unit: 'redis-server.service',
      state: 'not-found',
      subState: 'dead',
      restarts: 0,
      since: null,
      mainPid: null,
      description: 'redis-server.service',
      reason: 'the unit is not installed on this host',
    });
  });

  it('leaves restarts and pid null when the unit is not a service, and notes a masked unit', async () => {
    const [timer, beat] = parseSystemctlShow(await readFixture('show-timer-masked.txt'), ['certbot.timer', 'celery_beat.service']);
    expect(timer).toMatchObject({ state: 'active', subState: 'waiting', restarts: null, mainPid: null, since: Date.parse('2026-11-30T06:12:44Z') });
    expect(beat).toMatchObject({ state: 'inactive', since: Date.parse('2026-12-03T09:00:00Z') });
    expect(beat?.reason).toMatch(/masked/);
  });

  it('throws when the number of blocks does not match the units asked for', async () => {
    const stdout = await readFixture('show-not-found.txt');
    expect(() => parseSystemctlShow(stdout, ['a.service', 'b.service'])).toThrow(/1 unit blocks for 2 units/);
  });

  it('throws when a line is not Key=Value', () => {
    expect(() => parseSystemctlShow('Id=a.service\nWarning: something odd\n', ['a.service'])).toThrow(/unexpected systemctl show output line/);
  });

  it('reports unknown with the value when ActiveState is one this probe does not know', () => {
    const [unit] = parseSystemctlShow('Id=a.service\nLoadState=loaded\nActiveState=maintenance\nSubState=cleaning\n', ['a.service']);
    expect(unit).toMatchObject({ state: 'unknown', reason: expect.stringContaining('ActiveState=maintenance') });
  });
});

describe('parseSystemdTimestamp', () => {
  it('reads UTC, fractions and numeric offsets when the format is systemd’s', () => {
    expect(parseSystemdTimestamp('Thu 2026-12-03 10:00:01 UTC')).toBe(Date.parse('2026-12-03T10:00:01Z'));
    expect(parseSystemdTimestamp('Thu 2026-12-03 10:00:01.250000 UTC')).toBe(Date.parse('2026-12-03T10:00:01.250Z'));
    expect(parseSystemdTimestamp('Thu 2026-12-03 12:00:01 +02')).toBe(Date.parse('2026-12-03T10:00:01Z'));
    expect(parseSystemdTimestamp('Thu 2026-12-03 05:30:01 -0430')).toBe(Date.parse('2026-12-03T10:00:01Z'));
  });

  it('returns null when the value is empty, n/a or in an ambiguous zone', () => {
    expect(parseSystemdTimestamp('')).toBeNull();
    expect(parseSystemdTimestamp(undefined)).toBeNull();
    expect(parseSystemdTimestamp('n/a')).toBeNull();
    expect(parseSystemdTimestamp('Thu 2026-12-03 10:00:01 CST')).toBeNull();
  });
});

describe('normalizeUnitName', () => {
  it('adds .service when the name has no unit type suffix', () => {
    expect(normalizeUnitName('nginx')).toBe('nginx.service');
    expect(normalizeUnitName('postgresql@15-main')).toBe('postgresql@15-main.service');
    expect(normalizeUnitName('celery.worker')).toBe('celery.worker.service');
    expect(normalizeUnitName('certbot.timer')).toBe('certbot.timer');
    expect(normalizeUnitName('nginx.service')).toBe('nginx.service');
  });

  it.each(['nginx; rm -rf /', '-Hevil.example', '--host=evil', 'a b', '', '$(id)', '../etc', 'x'.repeat(256)])(
    'rejects %j with config_invalid when the name is not a plain unit name',
    (name) => {
      let thrown: unknown;
      try {
        normalizeUnitName(name);
      } catch (error) {
        thrown = error;
      }
      expect(isUserError(thrown) && thrown.code).toBe('config_invalid');
    },
  );
});

describe('createServicesProbe', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cinemata-ops-systemctl-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A fake systemctl: records its argv (one per line) and runs `body`. */
  async function writeFakeSystemctl(name: string, body: string): Promise<{ path: string; argvFile: string }> {
    const path = join(dir, name);
    const argvFile = join(dir, `${name}.argv`);
    await writeFile(path, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\n${body}\n`);
    await chmod(path, 0o755);
    return { path, argvFile };
  }

  it('refuses to be created when a unit name could inject a command', () => {
    expect(() => createServicesProbe({ units: ['nginx', 'nginx; rm -rf /'] })).toThrow(/invalid systemd unit name/);
  });

  it('parses states, restarts and since from one systemctl call when systemd answers', async () => {
    const fake = await writeFakeSystemctl('systemctl-platform', `cat '${join(FIXTURES, 'show-platform.txt')}'`);
    const probe = createServicesProbe({
      units: ['nginx', 'uwsgi', 'celery_long', 'celery_short', 'postgresql@15-main'],
      systemctlPath: fake.path,
    });
    const { detail, samples } = await probe.collect(createContext());

    expect(probe.id).toBe('services');
    expect(detail.unavailableReason).toBeNull();
    expect(detail.units.map((u) => [u.unit, u.state, u.restarts])).toEqual([
      ['nginx.service', 'active', 0],
      ['uwsgi.service', 'active', 2],
      ['celery_long.service', 'failed', 5],
      ['celery_short.service', 'activating', 3],
      ['postgresql@15-main.service', 'active', 0],
    ]);
    expect(detail.units[2]?.since).toBe(Date.parse('2026-12-03T10:02:47Z'));

    const argv = (await readFile(fake.argvFile, 'utf8')).trimEnd().split('\n');
    expect(argv).toEqual([
      'show',
      '--no-pager',
      '--property=Id,LoadState,ActiveState,SubState,NRestarts,ActiveEnterTimestamp,StateChangeTimestamp,MainPID,Description',
      '--',
      'nginx.service',
      'uwsgi.service',
      'celery_long.service',
      'celery_short.service',
      'postgresql@15-main.service',
    ]);

    const value = (metric: string, unit: string): number | undefined =>
      samples.find((s) => s.metric === metric && s.labels['unit'] === unit)?.value;
    expect(value('service_up', 'nginx.service')).toBe(1);
    expect(value('service_up', 'celery_long.service')).toBe(0);
    expect(value('service_failed', 'celery_long.service')).toBe(1);
    expect(value('service_up', 'celery_short.service')).toBe(0);
    expect(value('service_restarts_total', 'celery_short.service')).toBe(3);
    expect(value('service_state_age_seconds', 'nginx.service')).toBe(299);
    expect(samples.every((s) => s.at === NOW && Object.keys(s.labels).join() === 'unit')).toBe(true);
  });

  it('reports service_up 0 and no age when the unit is not installed', async () => {
    const fake = await writeFakeSystemctl('systemctl-not-found', `cat '${join(FIXTURES, 'show-not-found.txt')}'`);
    const { detail, samples } = await createServicesProbe({ units: ['redis-server'], systemctlPath: fake.path }).collect(createContext());
    expect(detail.units[0]?.state).toBe('not-found');
    expect(samples.map((s) => [s.metric, s.value])).toEqual([
      ['service_up', 0],
      ['service_failed', 0],
      ['service_restarts_total', 0],
    ]);
  });

  it.runIf(!existsSync('/run/systemd/system'))('reports every unit unknown with the reason when the host does not run systemd', async () => {
    const { detail, samples } = await createServicesProbe({ units: ['nginx', 'uwsgi'] }).collect(createContext());
    expect(detail.units.map((u) => u.state)).toEqual(['unknown', 'unknown']);
    expect(detail.unavailableReason).toMatch(/systemd is not running on this host|systemctl was not found|cannot reach systemd/);
    expect(detail.units[0]?.reason).toBe(detail.unavailableReason);
    expect(samples).toEqual([]);
  });

  it.runIf(existsSync('/run/systemd/system'))('reports not-found when the host runs systemd and the unit is not installed', async () => {
    const { detail } = await createServicesProbe({ units: ['cinemata-ops-test-missing'] }).collect(createContext());
    expect(detail.units[0]?.state).toBe('not-found');
  });

  it('reports unknown with the path when systemctl does not exist', async () => {
    const { detail } = await createServicesProbe({ units: ['nginx'], systemctlPath: '/nonexistent/systemctl' }).collect(createContext());
    expect(detail.units[0]).toMatchObject({ unit: 'nginx.service', state: 'unknown' });
    expect(detail.unavailableReason).toBe('systemctl was not found (/nonexistent/systemctl): systemd is not installed on this host');
  });

  it('reports unknown when systemctl cannot connect to the bus', async () => {
    const fake = await writeFakeSystemctl('systemctl-no-bus', `echo 'Failed to connect to bus: Permission denied' >&2\nexit 1`);
    const { detail } = await createServicesProbe({ units: ['nginx'], systemctlPath: fake.path }).collect(createContext());
    expect(detail.unavailableReason).toBe('cannot reach systemd: failed to connect to its bus (Permission denied)');
  });

  it('reports unknown when systemctl does not answer within the timeout', async () => {
    const fake = await writeFakeSystemctl('systemctl-hang', 'exec sleep 10');
    const started = Date.now();
    const { detail } = await createServicesProbe({ units: ['nginx'], systemctlPath: fake.path, timeoutMs: 200 }).collect(createContext());
    expect(detail.unavailableReason).toBe('systemctl did not answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('throws the first error line when systemctl fails for another reason', async () => {
    const fake = await writeFakeSystemctl('systemctl-broken', `echo 'Unknown command verb show.' >&2\nexit 1`);
    await expect(createServicesProbe({ units: ['nginx'], systemctlPath: fake.path }).collect(createContext())).rejects.toThrow(
      'systemctl show failed: Unknown command verb show.',
    );
  });

  it('rejects when the probe is aborted while systemctl runs', async () => {
    const fake = await writeFakeSystemctl('systemctl-slow', 'exec sleep 10');
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('probe timed out')), 50);
    await expect(
      createServicesProbe({ units: ['nginx'], systemctlPath: fake.path, timeoutMs: 5000 }).collect(createContext(controller.signal)),
    ).rejects.toThrow('probe timed out');
  });

  it('returns no units without running systemctl when none are configured', async () => {
    const { detail } = await createServicesProbe({ units: [], systemctlPath: '/nonexistent/systemctl' }).collect(createContext());
    expect(detail).toEqual({ units: [], unavailableReason: null, collectedAt: NOW });
  });
});
