import { readdir } from 'node:fs/promises';

/**
 * Loopback carries no platform traffic, and Docker's `veth*` pairs get a new random name per container start:
 * as labels they would grow the metric history without bound (see Labels in probe.ts).
 */
export function isWatchedInterface(name: string): boolean {
  return name !== 'lo' && !name.startsWith('veth');
}

/**
 * The interface list for `si.networkStats`, used only where /proc/net/dev is missing (see network-reader.ts).
 * Read from /sys/class/net where there is one, because si's own `'*'` enumerates through networkInterfaces(),
 * which spawns helpers and costs ~60 ms more. Elsewhere `'*'` (all interfaces); `null` when there is nothing to
 * watch.
 */
export async function readInterfaceSelector(): Promise<string | null> {
  let names: string[];
  try {
    names = await readdir('/sys/class/net');
  } catch {
    return '*';
  }
  const watched = names.filter(isWatchedInterface).sort();
  return watched.length > 0 ? watched.join(',') : null;
}
