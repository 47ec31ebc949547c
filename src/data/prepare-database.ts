import type { Db } from './db-types';
import { createSchemaSql } from './schema';

/**
 * Creates the source tables and the `events` view (reference tables must exist first). The date
 * macros come with the first load of an extract (ensureMacros).
 */
export async function prepareSchema(db: Db): Promise<void> {
  await db.exec(createSchemaSql());
}
