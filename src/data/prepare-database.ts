import type { Db } from './db-types';

/** Creates what every session needs before the UI queries anything. */
export async function prepareDatabase(db: Db): Promise<void> {
  await db.exec('SELECT 1');
}
