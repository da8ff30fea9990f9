import { describe, expect, it } from 'vitest';
import { visibleWidth } from '../../src/render/ansi.js';
import { layoutTable, type TextTableColumn } from '../../src/render/text-table.js';

const COLUMNS: TextTableColumn[] = [{ label: 'Queue' }, { label: 'Tasks', align: 'right' }, { label: 'Oldest' }];
const ROWS = [
  ['encode', '1204', '2 h'],
  ['short_tasks', '3', '4 s'],
  ['long_tasks', '17', '11 min'],
];

function allLines(table: ReturnType<typeof layoutTable>): string[] {
  return [table.header, table.rule, ...table.rows];
}

describe('layoutTable', () => {
  it('gives every line the same visible width when cells differ in length', () => {
    const table = layoutTable(COLUMNS, ROWS, 100);
    const widths = allLines(table).map(visibleWidth);
    expect(new Set(widths)).toEqual(new Set([table.width]));
  });

  it('starts every column at the same offset on every line', () => {
    const table = layoutTable(COLUMNS, ROWS, 100);
    const oldestAt = table.header.indexOf('Oldest');
    for (const [i, row] of table.rows.entries()) expect(row.slice(oldestAt)).toMatch(new RegExp(`^${ROWS[i]?.[2]}`));
  });

  it('right-aligns cells and header when the column says right', () => {
    const table = layoutTable(COLUMNS, ROWS, 100);
    const end = table.header.indexOf('Tasks') + 'Tasks'.length;
    expect(table.rows.map((row) => row.slice(0, end).trimEnd().split(' ').at(-1))).toEqual(['1204', '3', '17']);
    expect(table.rows[1]?.slice(end - 5, end)).toBe('    3');
  });

  it('cuts cells with … and fits the width when the table is too wide', () => {
    const rows = [['/srv/media/encoded/2025/01/festival-opening-night-full.mp4', 'failed', 'out of memory while encoding']];
    const table = layoutTable([{ label: 'Path' }, { label: 'State' }, { label: 'Error' }], rows, 40);
    for (const line of allLines(table)) expect(visibleWidth(line)).toBe(40);
    expect(table.rows[0]).toContain('…');
    expect(table.rows[0]).toContain('failed');
  });

  it('shrinks the widest column first when only one column is long', () => {
    const table = layoutTable([{ label: 'Id' }, { label: 'Message' }], [['42', 'x'.repeat(80)]], 30);
    expect(table.rows[0]?.startsWith('42  ')).toBe(true);
    expect(table.rows[0]?.endsWith('x…')).toBe(true);
    expect(visibleWidth(table.rows[0] ?? '')).toBe(30);
  });

  it('keeps wide characters aligned when cells hold CJK text', () => {
    const table = layoutTable([{ label: 'Title' }, { label: 'Size', align: 'right' }], [['文化遺産', '9 GiB'], ['abc', '10 GiB']], 100);
    expect(allLines(table).map(visibleWidth)).toEqual([16, 16, 16, 16]);
  });

  it('adds unlabelled columns rather than dropping cells when a row has more cells than columns', () => {
    const table = layoutTable([{ label: 'A' }], [['1', 'extra']], 100);
    expect(table.rows[0]).toContain('extra');
    expect(visibleWidth(table.header)).toBe(table.width);
  });
});
