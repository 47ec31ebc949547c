import type { Db } from './db-types';
import { MACROS_SQL } from './macros';
import { createSchemaSql } from './schema';

/** Creates the macros, the source tables and the `events` view (reference tables must exist first). */
export async function prepareSchema(db: Db): Promise<void> {
  await db.exec(MACROS_SQL);
  await db.exec(createSchemaSql());
}
