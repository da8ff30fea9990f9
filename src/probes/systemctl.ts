import { UserError } from '../errors.js';

/** The states a watched unit can be in: systemd's ActiveState, plus `not-found` (not installed) and `unknown`. */
export const UNIT_STATES = ['active', 'reloading', 'inactive', 'failed', 'activating', 'deactivating', 'not-found', 'unknown'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

/** One watched systemd unit as `systemctl show` describes it. */
export interface UnitStatus {
  /** The unit name as asked for, with `.service` added when it had no type suffix. */
  unit: string;
  state: UnitState;
  /** systemd's SubState, e.g. `running`, `exited`, `dead`, `auto-restart`; empty when unknown. */
  subState: string;
  /** How often systemd restarted the service since it was last started by hand; null for non-services or unknown. */
  restarts: number | null;
  /** Epoch ms since when the unit is in its state (see pickSince); null when systemd has no timestamp. */
  since: number | null;
  mainPid: number | null;
  description: string;
  /** Why the state is `unknown`, or a caveat such as a masked unit, in one line. */
  reason?: string;
}

export const SHOW_PROPERTIES = [
  'Id', 'LoadState', 'ActiveState', 'SubState', 'NRestarts', 'ActiveEnterTimestamp', 'StateChangeTimestamp', 'MainPID', 'Description',
] as const;

const UNIT_NAME = /^[A-Za-z0-9@._-]+$/;
/** systemd's UNIT_NAME_MAX is 256 including the terminating NUL. */
const UNIT_NAME_MAX = 255;
const UNIT_TYPES = ['service', 'socket', 'device', 'mount', 'automount', 'swap', 'target', 'path', 'timer', 'slice', 'scope'];
const ACTIVE_STATES: ReadonlySet<string> = new Set(['active', 'reloading', 'inactive', 'failed', 'activating', 'deactivating']);

/**
 * Checks a unit name from config and adds `.service` when it has no unit-type suffix, as systemctl itself does.
 * Names are passed to systemctl as argv, never through a shell; a leading `-` is still refused because systemctl
 * would read it as an option (`-H host` runs the query over SSH).
 */
export function normalizeUnitName(name: string): string {
  if (!UNIT_NAME.test(name) || name.startsWith('-') || name.startsWith('.') || name.length > UNIT_NAME_MAX) {
    throw new UserError('config_invalid', `invalid systemd unit name ${JSON.stringify(name)}`, {
      hint: 'unit names may contain only letters, digits and @ . _ - and must not start with - or .',
    });
  }
  const suffix = name.slice(name.lastIndexOf('.') + 1);
  return name.includes('.') && UNIT_TYPES.includes(suffix) ? name : `${name}.service`;
}

/**
 * Parses `systemctl show` output for `units`, one Key=Value block per unit in argument order, blocks separated by
 * a blank line. A block count that does not match means the output is not what we asked for, so that throws.
 */
export function parseSystemctlShow(stdout: string, units: readonly string[]): UnitStatus[] {
  const blocks = splitBlocks(stdout);
  if (blocks.length !== units.length) {
    throw new Error(`unexpected systemctl show output: ${blocks.length} unit blocks for ${units.length} units`);
  }
  return blocks.map((block, index) => toUnitStatus(units[index] ?? '', block));
}

/** Parses systemd's `Thu 2026-12-03 10:00:01 UTC` (as printed with TZ=UTC); numeric offsets are accepted too. */
export function parseSystemdTimestamp(value: string | undefined): number | null {
  if (value === undefined || value === '' || value === 'n/a') return null;
  const match = /^(?:[A-Za-z]{3} )?(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? (UTC|GMT|[+-]\d{2}(?::?\d{2})?)$/.exec(value.trim());
  if (!match) return null;
  const [, date, time, fraction = '', zone = 'UTC'] = match;
  const offset = zone === 'UTC' || zone === 'GMT' ? 'Z' : formatOffset(zone);
  const ms = Date.parse(`${date}T${time}${fraction.slice(0, 4)}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}

function formatOffset(zone: string): string {
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

function splitBlocks(stdout: string): Array<Map<string, string>> {
  const blocks: Array<Map<string, string>> = [];
  let current: Map<string, string> | undefined;
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`unexpected systemctl show output line: ${JSON.stringify(line.slice(0, 80))}`);
    if (!current) {
      current = new Map();
      blocks.push(current);
    }
    current.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return blocks;
}

function toUnitStatus(unit: string, block: ReadonlyMap<string, string>): UnitStatus {
  const loadState = block.get('LoadState') ?? '';
  const activeState = block.get('ActiveState') ?? '';
  const base = {
    unit,
    subState: block.get('SubState') ?? '',
    restarts: parseCount(block.get('NRestarts')),
    mainPid: parsePid(block.get('MainPID')),
    description: block.get('Description') ?? '',
  };
  if (loadState === 'not-found') {
    return { ...base, state: 'not-found', since: null, mainPid: null, reason: 'the unit is not installed on this host' };
  }
  if (!ACTIVE_STATES.has(activeState)) {
    return { ...base, state: 'unknown', since: null, reason: `systemd reported ActiveState=${activeState || '(empty)'}, which this probe does not know` };
  }
  const state = activeState as UnitState;
  const status: UnitStatus = { ...base, state, since: pickSince(state, block) };
  const caveat = describeLoadState(loadState);
  return caveat === undefined ? status : { ...status, reason: caveat };
}

/**
 * For a running unit "since" is when it became active: a reload moves StateChangeTimestamp but the service kept
 * running. For every other state it is when it entered that state (failed at, stopped at).
 */
function pickSince(state: UnitState, block: ReadonlyMap<string, string>): number | null {
  const activeEnter = parseSystemdTimestamp(block.get('ActiveEnterTimestamp'));
  const stateChange = parseSystemdTimestamp(block.get('StateChangeTimestamp'));
  return state === 'active' || state === 'reloading' ? (activeEnter ?? stateChange) : (stateChange ?? activeEnter);
}

function describeLoadState(loadState: string): string | undefined {
  if (loadState === 'loaded' || loadState === '') return undefined;
  if (loadState === 'masked') return 'the unit is masked: it cannot be started until it is unmasked';
  if (loadState === 'bad-setting') return 'the unit file has an invalid setting (LoadState=bad-setting)';
  if (loadState === 'error') return 'systemd could not load the unit file (LoadState=error)';
  return `LoadState=${loadState}`;
}

function parseCount(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value)) return null;
  return Number(value);
}

/** MainPID=0 means no main process. */
function parsePid(value: string | undefined): number | null {
  const pid = parseCount(value);
  return pid === null || pid === 0 ? null : pid;
}
