import type { Db } from '../db-types';
import { inTransaction } from '../transaction';
import { refreshEventsSql } from '../schema';
import { SOURCE_IDS, type SourceId } from './contracts';

export interface LoadedExtract {
  extract_id: string;
  source: SourceId;
  file_name: string;
  file_size: number;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  /** rows of this extract still loaded (a later file with the same keys replaces rows) */
  rows_current: number;
  date_from: string | null;
  date_to: string | null;
  loaded_at: string;
  is_demo: boolean;
}

const LIVE_COUNTS = SOURCE_IDS.map(
  (s) => `SELECT extract_id, count(*) AS n, min(event_date) AS date_from, max(event_date) AS date_to FROM ${s} GROUP BY extract_id`,
).join(' UNION ALL ');

export const LIST_EXTRACTS_SQL = `
  SELECT e.extract_id, e.source, e.file_name, e.file_size, e.rows_read, e.rows_loaded, e.rows_rejected,
         coalesce(c.n, 0)::INTEGER AS rows_current, c.date_from, c.date_to, e.loaded_at, e.is_demo
  FROM extracts e LEFT JOIN (${LIVE_COUNTS}) c USING (extract_id)
  ORDER BY e.loaded_at DESC, e.file_name`;

export function listExtracts(db: Db): Promise<LoadedExtract[]> {
  return db.query<LoadedExtract & Record<string, string | number | boolean | null>>(LIST_EXTRACTS_SQL);
}

/** Removes one extract's rows and its load records, in one transaction. */
export async function removeExtract(db: Db, extractId: string, source: SourceId): Promise<void> {
  if (!SOURCE_IDS.includes(source)) throw new Error(`Unknown source ${source}`);
  await inTransaction(db, async () => {
    for (const table of [source, 'load_rejections', 'load_warnings', 'extracts']) {
      await db.query(`DELETE FROM ${table} WHERE extract_id = ?`, [extractId]);
    }
    for (const sql of refreshEventsSql(source)) await db.exec(sql);
  });
}

export function rejectionsOf(db: Db, extractId: string): Promise<{ line: number; reason: string; record: string }[]> {
  return db.query(`SELECT line, reason, record FROM load_rejections WHERE extract_id = ? ORDER BY line`, [extractId]);
}
