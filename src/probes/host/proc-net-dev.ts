import type { NetworkInterfaceRate } from './detail.js';

/** Cumulative byte counters of one interface since it was created, as /proc/net/dev gives them. */
export interface InterfaceCounters {
  receiveBytes: number;
  transmitBytes: number;
}

/**
 * Parses /proc/net/dev: two header lines, then `name: rx_bytes rx_packets … (8 receive fields) tx_bytes …`.
 * Old kernels print no space after the colon (`eth0:1234`), so the name is split off at the colon, which a
 * Linux interface name cannot contain.
 */
export function parseNetDev(text: string): Map<string, InterfaceCounters> {
  const interfaces = new Map<string, InterfaceCounters>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const fields = line.slice(colon + 1).trim().split(/\s+/);
    // A missing field reads as NaN, so a short line fails the same check as a garbled one.
    const [receiveBytes = NaN, transmitBytes = NaN] = [fields[0], fields[8]].map(Number);
    if (name === '' || !Number.isFinite(receiveBytes) || !Number.isFinite(transmitBytes)) continue;
    interfaces.set(name, { receiveBytes, transmitBytes });
  }
  return interfaces;
}

/**
 * Per-interface rates between two readings `seconds` apart, in the order of `current`. An interface seen for
 * the first time has no baseline, and one whose counter went backwards was re-created or its driver reloaded:
 * both get null rates for this round only, the other interfaces keep theirs.
 */
export function computeInterfaceRates(
  previous: ReadonlyMap<string, InterfaceCounters> | undefined,
  current: ReadonlyMap<string, InterfaceCounters>,
  seconds: number,
  stateOf: (name: string) => string,
): NetworkInterfaceRate[] {
  return [...current].map(([name, now]) => {
    const before = previous?.get(name);
    const rate = (from: number | undefined, to: number): number | null =>
      from === undefined || to < from || !(seconds > 0) ? null : (to - from) / seconds;
    return {
      interface: name,
      state: stateOf(name),
      receiveBytesPerSecond: rate(before?.receiveBytes, now.receiveBytes),
      transmitBytesPerSecond: rate(before?.transmitBytes, now.transmitBytes),
    };
  });
}
