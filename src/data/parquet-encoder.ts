import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { Row } from './db-types';
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

/** Rows as the gateway returns them (dates as ISO text) turned into typed column arrays. */
export function rowsToColumns(columns: readonly ParquetColumn[], rows: readonly Row[]) {
  return columns.map((c) => {
    const data = rows.map((r) => {
      const v = r[c.name] ?? null;
      if (v === null) return null;
      if (c.type === 'DATE') return new Date(`${String(v)}T00:00:00Z`);
      if (c.type === 'TIMESTAMP') return new Date(`${String(v).replace(' ', 'T')}Z`);
      return v;
    });
    return { name: c.name, data };
  });
}

/** Writes Parquet a batch of rows at a time; `finish` returns the file. */
export function createParquetEncoder(columns: readonly ParquetColumn[], metadata: Record<string, string>) {
  const writer = new ByteWriter();
  const parquet = new ParquetWriter({
    writer,
    schema: parquetSchema(columns),
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy: 'Partnership Violence Dashboard',
  });
  return {
    write(rows: readonly Row[]) {
      if (rows.length > 0) void parquet.write({ columnData: rowsToColumns(columns, rows), rowGroupSize: rows.length });
    },
    finish(): Uint8Array {
      parquet.finish();
      return new Uint8Array(writer.getBuffer());
    },
  };
}
