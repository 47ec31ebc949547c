import type { Db } from './db-types';
import { inTransaction } from './transaction';
import type { SourceId } from './ingest/contracts';
import { withDatabaseFile } from './database-file';
import { EVENTS_STORE } from './schema';
import { errorFirstLine } from '@/lib/error-text';

// The synthetic demo as it stands after loading: the rows of the four demo extracts once the
// extract pipeline has checked and normalised them, their load records, and the events stored from
// them. The app copies these tables from one database file on first open instead of running the
// pipeline over the raw demo extracts every time (seconds on a slow machine).
// scripts/build-demo-tables.mjs makes the file with that pipeline, and a unit test checks that it
// holds what the pipeline gives today.

export const DEMO_SOURCES: readonly SourceId[] = ['police', 'ambulance', 'ed', 'yjs'];

/** Every table the demo fills: the source tables, their load records, then the stored events. */
export const DEMO_TABLES: readonly string[] = [...DEMO_SOURCES, 'extracts', 'load_warnings', 'load_rejections', EVENTS_STORE];

/** The fixed extract id of a demo source's rows. */
export const demoExtractId = (source: SourceId) => `demo-${source}`;


/**
 * Copies the demo's tables out of its database file (gzipped or not) in one transaction, stamped
 * as loaded at `loadedAt` (local time, YYYY-MM-DD HH:MM:SS). On any failure nothing is loaded.
 */
export async function loadDemoDatabase(db: Db, file: Uint8Array, loadedAt: string): Promise<void> {
  const copy = async () => {
    await inTransaction(db, async () => {
      for (const table of DEMO_TABLES) {
        try {
          await db.exec(`INSERT INTO ${table} SELECT * FROM _vrp_demo.${table}`);
        } catch (e) {
          throw new Error(`The demo table ${table} could not be read (${errorFirstLine(e)})`);
        }
      }
      await db.query(`UPDATE extracts SET loaded_at = CAST(? AS TIMESTAMP) WHERE extract_id IN (${DEMO_SOURCES.map(() => '?').join(', ')})`, [
        loadedAt,
        ...DEMO_SOURCES.map(demoExtractId),
      ]);
    });
  };
  try {
    await withDatabaseFile(db, '_vrp_demo', file, copy);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('The demo table')) throw e;
    throw new Error(`The demo data could not be read (${errorFirstLine(e)})`);
  }
}
