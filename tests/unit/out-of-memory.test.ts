import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { policeText } from '../helpers/police-text';

// DuckDB running out of memory part-way through a load, for real: its memory limit is lowered so
// that the step under test is refused the blocks it needs. The user is told which step ran out and
// what to do, and everything loaded before is as it was.

let t: TestDb;
const state = async () => ({
  police: await t.db.query('SELECT * FROM police ORDER BY record_ref'),
  events: await t.db.query('SELECT * FROM events ORDER BY record_ref'),
  books: await t.db.query('SELECT (SELECT count(*) FROM extracts)::INTEGER AS x, (SELECT count(*) FROM load_rejections)::INTEGER AS r, (SELECT count(*) FROM load_warnings)::INTEGER AS w'),
  working: await t.db.query("SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE '\\_ld\\_%' ESCAPE '\\' UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE '\\_ld\\_%' ESCAPE '\\'"),
});

// about 8 MB: 108,186 rows, counted from the text itself (every line but the header)
const big = policeText(8_000_000);
const bigRows = big.trimEnd().split('\n').length - 1;
const bigRowsShown = bigRows.toLocaleString('en-GB');

afterEach(() => t.db.close());

const setLimit = (limit: string) => t.db.exec(`SET memory_limit = '${limit}'`);

/** Loads the big file under a memory limit, expecting it to fail with `message`; then loads it with room. */
async function expectOutOfMemory(limit: string | null, message: RegExp, rowsBefore = 4): Promise<void> {
  const before = await state();
  expect(before.police).toHaveLength(rowsBefore);
  if (limit) await setLimit(limit);
  try {
    await expect(loadBytes(t, 'police-big.csv', big)).rejects.toThrow(message);
  } finally {
    await setLimit('2GB');
  }
  expect(await state()).toEqual(before);
  // nothing is left broken: with room, the same file loads
  const report = await loadBytes(t, 'police-big.csv', big);
  expect(report.rowsLoaded).toBe(bigRows);
  expect((await t.db.query('SELECT count(*)::INTEGER AS n FROM events'))[0]).toEqual({ n: bigRows + rowsBefore });
}

describe('DuckDB running out of memory during a load', () => {
  // a fresh database for each test: how much memory DuckDB already holds decides where a load runs out
  beforeEach(async () => {
    t = await createLoadedDb();
    await loadBytes(t, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
  });

  it('while reading the file (its read buffer alone is 34 MB)', async () => {
    await expectOutOfMemory('20MB', /^DuckDB ran out of memory while reading the file: remove a loaded extract and try again, or load a smaller file\.$/);
  });

  it('while normalising, naming the rows read', async () => {
    expect(bigRowsShown).toBe('108,186');
    await expectOutOfMemory('70MB', new RegExp(`^DuckDB ran out of memory while normalising \\(${bigRowsShown} rows\\): remove a loaded extract`));
  });

  // The events' COMMIT is left about 1 MB more than DuckDB holds, and fails for want of it. DuckDB ends the
  // transaction itself when its COMMIT fails (see transaction.test.ts): the rows saved by the
  // transaction before must still be taken out again.
  it('while storing the events, after the rows were saved: they are taken out again', async () => {
    const exec = t.db.exec.bind(t.db);
    let last = '';
    let hit = false;
    t.db.exec = async (sql: string) => {
      const after = last;
      last = sql;
      if (sql !== 'COMMIT' || !after.startsWith('INSERT INTO _events_store') || hit) return exec(sql);
      hit = true;
      const held = await t.db.query<{ b: number }>('SELECT sum(memory_usage_bytes)::BIGINT AS b FROM duckdb_memory()');
      await exec(`SET memory_limit = '${Math.ceil(Number(held[0]!.b) / 1000) + 1000}KB'`);
      try {
        return await exec(sql);
      } finally {
        await exec(`SET memory_limit = '2GB'`);
      }
    };
    try {
      await expectOutOfMemory(null, new RegExp(`^DuckDB ran out of memory while saving \\(${bigRowsShown} rows\\): remove a loaded extract`));
    } finally {
      t.db.exec = exec;
    }
    expect(hit).toBe(true);
  });
});

describe('DuckDB running out of memory with no other extract loaded', () => {
  beforeEach(async () => {
    t = await createLoadedDb();
  });

  it('says the file is more than the tab can hold, not to remove an extract', async () => {
    await expectOutOfMemory(
      '20MB',
      /^DuckDB ran out of memory while reading the file, with no other extract loaded: the file is more than this browser tab can hold; load part of it \(fewer months, say\)\.$/,
      0,
    );
  });
});
