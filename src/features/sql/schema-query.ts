import { useQuery } from '@tanstack/react-query';
import { useDbStatus } from '@/data/use-db';
import { dbQuery } from '@/data/db-query';
import type { Db } from '@/data/db-types';

export interface SchemaObject {
  name: string;
  kind: 'table' | 'view';
  columns: { name: string; type: string }[];
}

const SCHEMA_SQL = `
  SELECT t.table_name AS table_name, t.table_type AS table_type, c.column_name AS column_name, c.data_type AS data_type
  FROM information_schema.tables t
  JOIN information_schema.columns c USING (table_catalog, table_schema, table_name)
  WHERE t.table_schema = 'main' AND t.table_catalog = current_database() AND t.table_name NOT LIKE '\\_%' ESCAPE '\\'
  ORDER BY t.table_type = 'VIEW' DESC, t.table_name, c.ordinal_position`;

export async function fetchSchema(db: Db): Promise<SchemaObject[]> {
  const rows = await db.query<{ table_name: string; table_type: string; column_name: string; data_type: string }>(SCHEMA_SQL);
  const byName = new Map<string, SchemaObject>();
  for (const r of rows) {
    let obj = byName.get(r.table_name);
    if (!obj) {
      obj = { name: r.table_name, kind: r.table_type === 'VIEW' ? 'view' : 'table', columns: [] };
      byName.set(r.table_name, obj);
    }
    obj.columns.push({ name: r.column_name, type: r.data_type });
  }
  return [...byName.values()];
}

export function schemaQuery(db: Db | undefined) {
  return dbQuery(db, ['schema'], fetchSchema);
}

export function useSchema() {
  const status = useDbStatus();
  return useQuery(schemaQuery(status.state === 'ready' ? status.db : undefined));
}
