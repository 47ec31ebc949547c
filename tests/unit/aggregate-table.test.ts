import { describe, expect, it } from 'vitest';
import { chartRows, shapeTable, tableCsv, type AggTable } from '@/lib/aggregate-table';
import { formatRate } from '@/lib/format';

// Months by source with a row total and a police rate, worked by hand:
//   A: police 3, ED 10 (total 13)     B: police 0, ED 7 (total 7)     C: police 12, ED 2 (total 14)
const table: AggTable = {
  columns: [
    { key: 'month', label: 'Month', kind: 'label' },
    { key: 'police', label: 'Police', kind: 'count' },
    { key: 'ed', label: 'ED', kind: 'count' },
    { key: 'total', label: 'Total', kind: 'total' },
    { key: 'rate', label: 'Police per 1,000', kind: 'value', basedOn: ['police'], format: formatRate },
  ],
  rows: [
    { month: 'A', police: 3, ed: 10, total: 13, rate: 0.3 },
    { month: 'B', police: 0, ed: 7, total: 7, rate: 0 },
    { month: 'C', police: 12, ed: 2, total: 14, rate: 1.2345 },
  ],
  totals: { rows: true, columns: true },
};

const texts = (publish: boolean) => shapeTable(table, publish).map((r) => r.map((c) => c.text));

describe('the numbers behind a chart', () => {
  it('shows every number, formatted, outside publishing mode', () => {
    expect(texts(false)).toEqual([
      ['A', '3', '10', '13', '0.3'],
      ['B', '0', '7', '7', '0.0'],
      ['C', '12', '2', '14', '1.2'],
    ]);
  });

  it("suppresses 3 and 2, then their rows' and columns' next smallest, and the rates on them", () => {
    // primary: A police 3, C ED 2. Row A then hides ED 10, row C hides police 12; every column
    // then has two hidden cells. Zero stays zero; B's rate rests on a shown 0.
    expect(texts(true)).toEqual([
      ['A', '<5', '<5', '13', 'suppressed'],
      ['B', '0', '7', '7', '0.0'],
      ['C', '<5', '<5', '14', 'suppressed'],
    ]);
  });

  it('gives charts a gap, never the hidden number, with the text a tooltip shows', () => {
    const rows = chartRows(table, true);
    expect(rows.map((r) => r.police)).toEqual([null, 0, null]);
    expect(rows[0]!['police:text']).toBe('<5');
    expect(rows[1]!.ed).toBe(7);
  });

  it('writes the CSV with full precision and the same suppression', () => {
    const csv = tableCsv(table, true, ['# Partnership Violence Dashboard: test', '# Filters: none']).split('\r\n');
    expect(csv).toEqual([
      '# Partnership Violence Dashboard: test',
      '# Filters: none',
      'Month,Police,ED,Total,"Police per 1,000"',
      'A,<5,<5,13,suppressed',
      'B,0,7,7,0',
      'C,<5,<5,14,suppressed',
      '',
    ]);
    expect(tableCsv(table, false, []).split('\r\n')[3]).toBe('C,12,2,14,1.2345');
  });

  it('hides a total of 1 to 4', () => {
    const small: AggTable = { columns: [{ key: 'k', label: 'K', kind: 'label' }, { key: 't', label: 'T', kind: 'total' }], rows: [{ k: 'x', t: 4 }, { k: 'y', t: 5 }] };
    expect(shapeTable(small, true).map((r) => r[1]!.text)).toEqual(['<5', '5']);
  });
});
