import type { Db } from './db-types';
import { createSchemaSql } from './schema';

/**
 * Creates the source tables, the `events` view (reference tables must exist first) and the table
 * of the user's denominators. The date macros come with the first load of an extract (ensureMacros).
 */
export async function prepareSchema(db: Db): Promise<void> {
  await db.exec(createSchemaSql());
}
