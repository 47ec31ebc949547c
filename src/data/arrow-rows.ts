import { DataType, type Table, type Field } from 'apache-arrow';
import type { Row, Scalar } from './db-types';

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

type Converter = (value: unknown) => Scalar | Scalar[];

function converterFor(field: Field): Converter {
  const type = field.type;
  if (DataType.isDate(type)) return (v) => (v == null ? null : isoDate(Number(v)));
  if (DataType.isTimestamp(type)) return (v) => (v == null ? null : isoTimestamp(Number(v)));
  if (DataType.isList(type)) {
    const child = type.children[0];
    const inner = child ? converterFor(child) : (v: unknown) => (v == null ? null : String(v));
    return (v) => (v == null ? null : [...(v as Iterable<unknown>)].map((x) => inner(x) as Scalar));
  }
  if (DataType.isDecimal(type)) {
    // Arrow hands decimals over unscaled: 1.5 as DECIMAL(4,1) arrives as 15.
    const divisor = 10 ** (type as { scale: number }).scale;
    return (v) => (v == null ? null : Number(String(v)) / divisor);
  }
  return (v) => {
    if (v == null) return null;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v instanceof Date) return isoTimestamp(v.getTime());
    return String(v);
  };
}

/** Turns an Arrow result into plain rows; `limit` keeps memory bounded for huge results. */
export function arrowToRows(table: Table, limit = Infinity): Row[] {
  const fields = table.schema.fields;
  const converters = fields.map(converterFor);
  const vectors = fields.map((_, i) => table.getChildAt(i));
  const n = Math.min(table.numRows, limit);
  const rows: Row[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) {
      const field = fields[c]!;
      row[field.name] = converters[c]!(vectors[c]?.get(r));
    }
    rows[r] = row;
  }
  return rows;
}

export function arrowColumns(table: Table): string[] {
  return table.schema.fields.map((f) => f.name);
}
