import type { ProcessCounts, ProcessSummary } from './detail.js';

/** The fields of a `systeminformation.processes()` list entry this probe uses. */
export interface ProcessRow {
  pid: number;
  name: string;
  command: string;
  params: string;
  cpu: number;
  mem: number;
  /** KiB, as `ps` reports it. */
  memRss: number;
  user: string;
}

export interface ProcessTable {
  all: number;
  running: number;
  blocked: number;
  sleeping: number;
  list: ProcessRow[];
}

const COMMAND_MAX_CHARS = 120;

/** null when the table is empty: a running host always has processes, so 0 means `ps` could not be read. */
export function countProcesses(table: ProcessTable): ProcessCounts | null {
  if (table.all <= 0) return null;
  return { total: table.all, running: table.running, blocked: table.blocked, sleeping: table.sleeping };
}

export function pickTopProcesses(list: readonly ProcessRow[], count: number): { topByCpu: ProcessSummary[]; topByMemory: ProcessSummary[] } {
  // Ties on CPU (most processes idle at 0 %) break on memory so the list is stable and still informative.
  const byCpu = [...list].sort((a, b) => b.cpu - a.cpu || b.memRss - a.memRss || a.pid - b.pid);
  // RSS rather than `mem`: ps rounds %MEM to one decimal, which ties every small process.
  const byMemory = [...list].sort((a, b) => b.memRss - a.memRss || b.cpu - a.cpu || a.pid - b.pid);
  return { topByCpu: byCpu.slice(0, count).map(summarizeProcess), topByMemory: byMemory.slice(0, count).map(summarizeProcess) };
}

export function summarizeProcess(row: ProcessRow): ProcessSummary {
  return {
    pid: row.pid,
    name: row.name,
    command: shortenCommand(row.command, row.params),
    cpuPercent: row.cpu,
    memPercent: row.mem,
    rssBytes: row.memRss * 1024,
    user: row.user,
  };
}

/**
 * The command line goes to chat, and Django, Celery and uWSGI are often started with a database or broker URL
 * or a `--password` on it, so credentials are masked before shortening.
 */
export function shortenCommand(command: string, params: string): string {
  const full = maskSecrets(`${command} ${params}`.trim());
  return full.length <= COMMAND_MAX_CHARS ? full : `${full.slice(0, COMMAND_MAX_CHARS - 1)}…`;
}

function maskSecrets(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@]*@/gi, '$1***@')
    // Not a bare `pass`: ffmpeg's `-pass 1` and `-passlogfile` are exactly what the operator wants to read.
    .replace(/((?:password|passwd|secret|token|api[_-]?key)[\w-]*(?:=|\s+))(?!-)\S+/gi, '$1***');
}
