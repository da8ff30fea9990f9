/** The parts of `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` output the summary reads. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Join Type'?: string;
  'Plan Rows': number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Temp Written Blocks'?: number;
  'Sort Method'?: string;
  'Sort Space Type'?: string;
  'Sort Space Used'?: number;
  'Hash Batches'?: number;
  Plans?: PlanNode[];
}

export interface ExplainOutput {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
  Planning?: { 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number };
}

export interface NodeSummary {
  depth: number;
  /** e.g. "Index Scan Backward using files_media_add_date_e8a232ff on files_media". */
  label: string;
  type: string;
  relation: string | undefined;
  index: string | undefined;
  /** Per loop, as EXPLAIN reports them. */
  estimatedRows: number;
  actualRows: number;
  loops: number;
  removedByFilter: number;
}

/** What one EXPLAIN ANALYZE says, reduced to what a person acts on. Times in ms, buffers in 8 kB blocks. */
export interface PlanSummary {
  planningMs: number;
  executionMs: number;
  totalMs: number;
  nodes: NodeSummary[];
  indexesUsed: string[];
  /** Relations read by a sequential scan, with the rows it produced. */
  seqScans: Array<{ relation: string; actualRows: number; removedByFilter: number }>;
  /** Nodes whose row estimate was off by ESTIMATE_MISS_FACTOR or more. */
  estimateMisses: Array<{ label: string; relation: string | undefined; estimatedRows: number; actualRows: number; factor: number }>;
  buffers: { hit: number; read: number; planningHit: number; planningRead: number };
  /** Sorts and hashes that did not fit in work_mem. */
  spills: string[];
  tempWrittenBlocks: number;
}

export const ESTIMATE_MISS_FACTOR = 10;
/** Parents under which a child legitimately stops before producing all the rows it was estimated to. */
const STOPS_EARLY = new Set(['Limit']);

export function summarizePlan(output: ExplainOutput): PlanSummary {
  const summary: PlanSummary = {
    planningMs: output['Planning Time'],
    executionMs: output['Execution Time'],
    totalMs: output['Planning Time'] + output['Execution Time'],
    nodes: [],
    indexesUsed: [],
    seqScans: [],
    estimateMisses: [],
    buffers: {
      hit: output.Plan['Shared Hit Blocks'] ?? 0,
      read: output.Plan['Shared Read Blocks'] ?? 0,
      planningHit: output.Planning?.['Shared Hit Blocks'] ?? 0,
      planningRead: output.Planning?.['Shared Read Blocks'] ?? 0,
    },
    spills: [],
    tempWrittenBlocks: output.Plan['Temp Written Blocks'] ?? 0,
  };
  visit(output.Plan, 0, false, summary);
  return summary;
}

function visit(node: PlanNode, depth: number, mayStopEarly: boolean, summary: PlanSummary): void {
  const loops = node['Actual Loops'] ?? 0;
  const n: NodeSummary = {
    depth,
    label: labelOf(node),
    type: node['Node Type'],
    relation: node['Relation Name'],
    index: node['Index Name'],
    estimatedRows: node['Plan Rows'],
    actualRows: node['Actual Rows'] ?? 0,
    loops,
    removedByFilter: node['Rows Removed by Filter'] ?? 0,
  };
  summary.nodes.push(n);
  if (n.index !== undefined && !summary.indexesUsed.includes(n.index)) summary.indexesUsed.push(n.index);
  if (n.type === 'Seq Scan' && n.relation !== undefined && loops > 0) summary.seqScans.push({ relation: n.relation, actualRows: n.actualRows * loops, removedByFilter: n.removedByFilter * loops });
  if (loops > 0) checkEstimate(n, mayStopEarly, summary);
  if (node['Sort Space Type'] === 'Disk') summary.spills.push(`${n.label}: ${node['Sort Method'] ?? 'sort'} spilled ${node['Sort Space Used'] ?? '?'} kB to disk`);
  if ((node['Hash Batches'] ?? 1) > 1) summary.spills.push(`${n.label}: the hash table needed ${node['Hash Batches']} batches (spilled to disk)`);
  // A semi or anti join stops reading its inner side at the first match, like a Limit.
  const stops = mayStopEarly || STOPS_EARLY.has(n.type) || node['Join Type'] === 'Semi' || node['Join Type'] === 'Anti';
  for (const child of node.Plans ?? []) visit(child, depth + 1, stops, summary);
}

function checkEstimate(n: NodeSummary, mayStopEarly: boolean, summary: PlanSummary): void {
  const estimated = Math.max(n.estimatedRows, 1);
  const actual = Math.max(n.actualRows, 1);
  // Under a Limit a node is estimated for a full run but stops early: fewer rows than estimated is expected there.
  if (actual < estimated && mayStopEarly) return;
  const factor = Math.max(estimated, actual) / Math.min(estimated, actual);
  if (factor >= ESTIMATE_MISS_FACTOR) {
    summary.estimateMisses.push({ label: n.label, relation: n.relation, estimatedRows: n.estimatedRows, actualRows: n.actualRows, factor });
  }
}

function labelOf(node: PlanNode): string {
  const backward = node['Scan Direction'] === 'Backward' ? ' Backward' : '';
  const using = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  const on = node['Relation Name'] ? ` on ${node['Relation Name']}` : '';
  const join = node['Join Type'] && node['Node Type'] !== 'Hash' ? ` (${node['Join Type']})` : '';
  return `${node['Node Type']}${backward}${using}${on}${join}`;
}
