import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warningCountsSql } from '@/data/ingest/pipeline-sql';
import { createNodeDb, type NodeDb } from '../helpers/node-db';

// The warnings' counts and first lines, on small staged tables made by hand. A staged row carries
// its combination's number; a warning on a categorical field is a condition on the combination
// (_ld_m), counted once per combination from the rows that have it.

let db: NodeDb;
beforeAll(async () => {
  db = await createNodeDb();
  // two combinations: 1, a known sex; 2, an unknown one ("X")
  await db.exec(`CREATE OR REPLACE TABLE _ld_m AS SELECT * FROM (VALUES
    (1, {'value': 'Male', 'known': true}), (2, {'value': 'Unknown', 'known': false})) m(combo, m_sex)`);
  // line, combo, rejected, bad LSOA
  await db.exec(`CREATE OR REPLACE TABLE _ld_staged AS SELECT * FROM (VALUES
    (2, 1, NULL, false), (3, 2, NULL, true), (4, 2, 'crime_ref is blank', true), (5, 1, NULL, true), (6, 2, NULL, false), (7, 1, NULL, false))
    s(line, combo, reject_reason, w_bad_lsoa)`);
});
afterAll(() => db.close());

const UNKNOWN_SEX = { combination: 'NOT coalesce(m.m_sex.known, true)' };
const BAD_LSOA = { row: 'w_bad_lsoa' };

describe('counting warnings', () => {
  it('counts a combination\'s warning over its accepted rows, and a row\'s over the rows, each with the first line', async () => {
    // unknown sex: lines 3 and 6 (line 4 is rejected); bad LSOA: lines 3 and 5
    expect(await db.query(warningCountsSql([UNKNOWN_SEX, BAD_LSOA], true))).toEqual([{ n0: 2, l0: 3, n1: 2, l1: 3 }]);
  });

  it('says none, with no line, for a warning no accepted row has', async () => {
    const none = { combination: 'm.combo = 3' };
    expect(await db.query(warningCountsSql([none, { row: 'line > 7' }], true))).toEqual([{ n0: 0, l0: null, n1: 0, l1: null }]);
  });

  it('counts row warnings without combinations for a source with no categorical field', async () => {
    expect(await db.query(warningCountsSql([BAD_LSOA, { row: 'combo = 1' }], false))).toEqual([{ n0: 2, l0: 3, n1: 3, l1: 2 }]);
    expect(() => warningCountsSql([UNKNOWN_SEX], false)).toThrow(/grouped/);
  });

  it('gives zeros when every row is rejected', async () => {
    await db.exec("CREATE OR REPLACE TABLE _ld_staged AS SELECT 2 AS line, 1 AS combo, 'crime_ref is blank' AS reject_reason, true AS w_bad_lsoa");
    expect(await db.query(warningCountsSql([UNKNOWN_SEX, BAD_LSOA], true))).toEqual([{ n0: 0, l0: null, n1: 0, l1: null }]);
    expect(await db.query(warningCountsSql([BAD_LSOA], false))).toEqual([{ n0: 0, l0: null }]);
  });
});
