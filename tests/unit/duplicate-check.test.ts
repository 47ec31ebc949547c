import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_DUPLICATES_SQL, MAY_HAVE_DUPLICATES_SQL } from '@/data/ingest/pipeline-sql';
import { createNodeDb, type NodeDb } from '../helpers/node-db';

// The check for repeated keys among a file's accepted rows, on small staged tables made by hand:
// the quick check on hashes must say "maybe" whenever the exact check on the keys says "yes".

let db: NodeDb;
beforeAll(async () => {
  db = await createNodeDb();
});
afterAll(() => db.close());

async function checks(rows: readonly [ref: string | null, rejected: boolean][]): Promise<{ may: boolean; has: boolean }> {
  await db.exec('CREATE OR REPLACE TABLE _ld_staged (line INTEGER, record_ref VARCHAR, reject_reason VARCHAR)');
  for (const [i, [ref, rejected]] of rows.entries()) {
    await db.query('INSERT INTO _ld_staged VALUES (?, ?, ?)', [i + 2, ref, rejected ? 'crime_ref is blank' : null]);
  }
  const one = async (sql: string) => Boolean((await db.query<{ dup: boolean }>(sql))[0]?.dup);
  return { may: await one(MAY_HAVE_DUPLICATES_SQL), has: await one(HAS_DUPLICATES_SQL) };
}

describe('the check for repeated keys', () => {
  it('finds none among distinct keys, or in a file with no accepted rows', async () => {
    expect(await checks([['A|Victim|P1', false], ['A|Suspect|P2', false], ['B|Victim|', false]])).toEqual({ may: false, has: false });
    expect(await checks([])).toEqual({ may: false, has: false });
  });

  it('finds a key that repeats, wherever the two rows are', async () => {
    expect(await checks([['A|Victim|P1', false], ['B|Victim|P2', false], ['C|Victim|P3', false], ['A|Victim|P1', false]])).toEqual({ may: true, has: true });
  });

  it('leaves rejected rows out: a rejected row may repeat an accepted key', async () => {
    expect(await checks([['A|Victim|P1', false], ['A|Victim|P1', true], ['B|Victim|P2', false]])).toEqual({ may: false, has: false });
  });

  it('counts accepted rows without a key as repeats, as the exact check does', async () => {
    expect(await checks([['A|Victim|P1', false], [null, false]])).toEqual({ may: true, has: true });
    expect(await checks([['A|Victim|P1', false], [null, true]])).toEqual({ may: false, has: false });
  });
});
