import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { Table } from 'apache-arrow';
import type { PlainSqlType } from './ingest/source-defs';

export interface ParquetColumn {
  name: string;
  type: PlainSqlType;
}

const ELEMENT: Record<PlainSqlType, Omit<SchemaElement, 'name'>> = {
  VARCHAR: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  INTEGER: { type: 'INT32' },
  DOUBLE: { type: 'DOUBLE' },
  BOOLEAN: { type: 'BOOLEAN' },
  DATE: { type: 'INT32', converted_type: 'DATE' },
  // wall-clock UK local time, as in the source tables: not adjusted to UTC
  TIMESTAMP: { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' } },
};

export function parquetSchema(columns: readonly ParquetColumn[]): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((c) => ({ name: c.name, repetition_type: 'OPTIONAL' as const, ...ELEMENT[c.type] })),
  ];
}

/** One value of a column of the given type, as the writer takes it (`v` is not null). */
function cell(type: PlainSqlType, v: unknown): unknown {
  switch (type) {
    // a DATE arrives as the milliseconds of its UTC midnight
    case 'DATE':
      return new Date(Number(v));
    // wall-clock time to the second, as the source tables keep it
    case 'TIMESTAMP':
      return new Date(Math.floor(Number(v) / 1000) * 1000);
    case 'INTEGER':
    case 'DOUBLE':
      return Number(v);
    case 'BOOLEAN':
      return Boolean(v);
    default:
      return String(v);
  }
}

/**
 * A batch's columns straight from DuckDB's Arrow result, typed for the writer. Going through plain
 * rows first (an object per record, dates as text and back) took three times as long as encoding.
 */
export function tableToColumns(columns: readonly ParquetColumn[], table: Table) {
  return columns.map((c) => {
    const vector = table.getChild(c.name);
    const data: unknown[] = new Array(table.numRows);
    for (let i = 0; i < table.numRows; i++) {
      const v: unknown = vector?.get(i) ?? null;
      data[i] = v === null ? null : cell(c.type, v);
    }
    return { name: c.name, data };
  });
}

/** Writes Parquet a batch at a time; `finish` returns the file. */
export function createParquetEncoder(columns: readonly ParquetColumn[], metadata: Record<string, string>) {
  const writer = new ByteWriter();
  const parquet = new ParquetWriter({
    writer,
    schema: parquetSchema(columns),
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy: 'Partnership Violence Dashboard',
  });
  return {
    write(table: Table) {
      if (table.numRows > 0) void parquet.write({ columnData: tableToColumns(columns, table), rowGroupSize: table.numRows });
    },
    finish(): Uint8Array {
      parquet.finish();
      return new Uint8Array(writer.getBuffer());
    },
  };
}
