import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { claimReadAhead, letGo, readAhead, worthReadingAhead } from '@/data/ingest/read-ahead';
import { inLoadTurn } from '@/data/ingest/load-turns';
import { loadExtract, type LoadReport } from '@/data/ingest/load-extract';
import { mapColumns } from '@/data/ingest/contracts';
import type { InspectedFile } from '@/data/ingest/inspect-file';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { inspectChosen, policeText, POLICE_HEADER } from '../helpers/police-text';

const MIB = 1024 * 1024;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
}, 60000);
afterAll(() => t.db.close());
afterEach(async () => {
  await t.db.exec(`DELETE FROM police; DELETE FROM extracts; DELETE FROM load_rejections; DELETE FROM load_warnings; DELETE FROM _events_store`);
});

/** The tables a read ahead or a load leaves behind. */
const leftOver = async () =>
  (await t.db.query<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE table_name LIKE '\\_ra\\_%' ESCAPE '\\' OR table_name LIKE '\\_ld\\_%' ESCAPE '\\' ORDER BY 1`)).map((r) => r.name);

const execRead = (sql: string) => t.db.exec(sql);

/** Loads a file through its read ahead, as the page does once Load is clicked: claimed, then taken in the load's turn. */
async function loadReadAhead(inspected: InspectedFile): Promise<{ report: LoadReport; took: string | null }> {
  const claim = claimReadAhead(t.db, inspected);
  if (!claim) throw new Error('nothing was read ahead');
  let took: string | null = null;
  const report = await inLoadTurn(
    async () => {
      took = await claim.take();
      if (took === null) throw new Error('the read ahead failed');
      return loadExtract(
        {
          read: { file: 'not-registered', format: 'csv', gzip: false, columns: inspected.headers.length },
          source: 'police',
          mapping: mapColumns('police', inspected.headers),
          fileName: inspected.file.name,
          fileSize: inspected.file.size,
          fileHash: 'h',
          extractId: 'xahead',
          today: '2026-11-27',
          loadedAt: '2026-11-27 12:00:00',
        },
        { db: t.db, locator: t.locator, readAhead: took },
      );
    },
    { awaits: inspected },
  ).finally(() => claim.release());
  return { report, took };
}

const storedRows = () => t.db.query(`SELECT line, record_ref, event_date::VARCHAR AS day, lsoa21cd FROM police ORDER BY line`);
const rejections = () => t.db.query(`SELECT line, reason, record FROM load_rejections ORDER BY line`);

describe('a file read ahead of its load', () => {
  it('loads exactly as when the load reads it: the same report, rows, line numbers and rejected rows', async () => {
    const good = policeText(16 * MIB);
    const rows = good.split('\n').length - 2;
    // after the valid rows: no date (rejected), a key given before (dropped), an LSOA code not
    // well formed (kept, with a warning), a valid row
    const tail = [',Victim,P1,,,Robbery,,,,,,', 'CR7,Victim,P7,2024-04-01,,Robbery,,,,,,', 'ZZ1,Victim,P3,2024-04-02,,Robbery,,X0101,,,,', 'ZZ2,Victim,P4,2024-04-03,,Robbery,,,,,,'];
    const text = good + tail.join('\n') + '\n';
    const inspected = await inspectChosen(new File([text], 'police-large.csv'));
    expect(inspected.headers.join(',')).toBe(POLICE_HEADER);
    expect(worthReadingAhead(inspected)).toBe(true);

    expect(await readAhead(t.db, inspected, execRead)).toBe(true);
    expect(await leftOver()).toEqual(['_ra_1']);
    const ahead = await loadReadAhead(inspected);
    expect(ahead.took).toBe('_ra_1');
    // the load took the rows over and let every working table go
    expect(await leftOver()).toEqual([]);
    const aheadRows = await storedRows();
    const aheadRejections = await rejections();
    await t.db.exec(`DELETE FROM police; DELETE FROM extracts; DELETE FROM load_rejections; DELETE FROM load_warnings; DELETE FROM _events_store`);

    const direct = await loadBytes(t, 'police-large.csv', text, { mapping: mapColumns('police', inspected.headers) });
    expect({ ...ahead.report, extractId: '' }).toEqual({ ...direct, extractId: '' });
    // worked by hand: the header is line 1, so the valid rows are lines 2 to rows + 1 and the tail follows
    expect([ahead.report.rowsRead, ahead.report.rowsLoaded, ahead.report.rowsRejected, ahead.report.rowsDuplicate]).toEqual([rows + 4, rows + 2, 1, 1]);
    expect(ahead.report.firstRejections.map((r) => r.line)).toEqual([rows + 2]);
    expect(ahead.report.warnings.find((w) => w.kind.startsWith('unrecognised LSOA'))).toMatchObject({ count: 1, firstLine: rows + 4, example: 'X0101' });
    expect(await storedRows()).toEqual(aheadRows);
    expect(await rejections()).toEqual(aheadRejections);
    expect(aheadRows.at(-1)).toEqual({ line: rows + 5, record_ref: 'ZZ2|Victim|P4', day: '2024-04-03', lsoa21cd: null });
  }, 120000);

  it('is let go when the file is dismissed, and no read ahead of it is held after its load is asked for', async () => {
    const inspected = await inspectChosen(new File([policeText(16 * MIB)], 'police-dismissed.csv'));
    expect(await readAhead(t.db, inspected, execRead)).toBe(true);
    letGo(t.db, inspected);
    await tick();
    await t.db.query('SELECT 1');
    expect(await leftOver()).toEqual([]);
    // dismissed: its load (if the card were still there) reads the file itself
    expect(claimReadAhead(t.db, inspected)).toBeNull();
    // a file whose load has been asked for is not read ahead any more
    expect(await readAhead(t.db, inspected, execRead)).toBe(false);
    expect(await leftOver()).toEqual([]);
  }, 60000);

  it('holds one file at a time: reading another lets the first go', async () => {
    const first = await inspectChosen(new File([policeText(16 * MIB)], 'police-a.csv'));
    const second = await inspectChosen(new File([policeText(16 * MIB)], 'police-b.csv'));
    expect(await readAhead(t.db, first, execRead)).toBe(true);
    const [held] = await leftOver();
    expect(await readAhead(t.db, second, execRead)).toBe(true);
    const now = await leftOver();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(held);
    expect(claimReadAhead(t.db, first)).toBeNull();
    letGo(t.db, second);
  }, 60000);

  it('of a file DuckDB cannot read, leaves nothing, and the load then says where the fault is', async () => {
    const good = policeText(16 * MIB);
    const rows = good.split('\n').length - 2;
    const text = `${good}CR-x,Victim,P1,2024-01-01,,Robbery,,,,,,,one too many\n`;
    const inspected = await inspectChosen(new File([text], 'police-ragged.csv'));
    expect(await readAhead(t.db, inspected, execRead)).toBe(false);
    expect(await leftOver()).toEqual([]);
    expect(claimReadAhead(t.db, inspected)).toBeNull();
    // the header is line 1 and the valid rows lines 2 to rows + 1
    await expect(loadBytes(t, 'police-ragged.csv', text)).rejects.toThrow(`line ${rows + 2} has more values than the header's 12 columns`);
  }, 60000);

  it('leaves small files and Parquet files to their load', async () => {
    const small = await inspectChosen(new File([policeText(MIB)], 'police-small.csv'));
    expect(worthReadingAhead(small)).toBe(false);
    expect(await readAhead(t.db, small, execRead)).toBe(false);
    expect(worthReadingAhead({ ...small, format: 'parquet', file: new File([new Uint8Array(64 * MIB)], 'big.parquet') })).toBe(false);
    expect(await leftOver()).toEqual([]);
  });
});

describe('a read under way when a load is asked for', () => {
  /** A read that holds until `finish` is called, or stops when its signal aborts. */
  function heldRead() {
    let finish = () => {};
    let started = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    const read = async (sql: string, signal: AbortSignal) => {
      started();
      await new Promise<void>((resolve, reject) => {
        finish = resolve;
        signal.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
      });
      await t.db.exec(sql);
    };
    return { read, running, finish: () => finish() };
  }

  /** A 16 MiB police file of this name, its read ahead started with a held read, once that runs. */
  async function readingAhead(name: string) {
    const inspected = await inspectChosen(new File([policeText(16 * MIB)], name));
    const held = heldRead();
    const done = readAhead(t.db, inspected, held.read);
    await held.running;
    return { inspected, held, done };
  }

  it("is let end by the file's own load, which then starts from its rows", async () => {
    const { inspected, held, done } = await readingAhead('police-own.csv');
    const events: string[] = [];
    const load = loadReadAhead(inspected).then((r) => {
      events.push('loaded');
      return r;
    });
    await tick();
    // the load waits for the read, which goes on
    expect(events).toEqual([]);
    held.finish();
    expect(await done).toBe(true);
    const { report, took } = await load;
    expect(took).toMatch(/^_ra_\d+$/);
    expect(report.rowsLoaded).toBe(report.rowsRead);
    expect(await leftOver()).toEqual([]);
  }, 60000);

  it("is stopped by another file's load, and leaves nothing", async () => {
    const { inspected, done } = await readingAhead('police-other.csv');
    const other = inLoadTurn(() => loadBytes(t, 'small.csv', `${POLICE_HEADER}\nS1,Victim,P1,2024-01-01,,Robbery,,,,,,\n`));
    expect(await done).toBe(false);
    expect((await other).rowsLoaded).toBe(1);
    expect(await leftOver()).toEqual([]);
    // the file's own load then finds nothing read ahead and reads the file itself
    expect(claimReadAhead(t.db, inspected)).toBeNull();
  }, 60000);

  it('is let go once it ends when its load is cancelled before its turn', async () => {
    const { inspected, held, done } = await readingAhead('police-cancelled.csv');
    const claim = claimReadAhead(t.db, inspected);
    expect(claim).not.toBeNull();
    const controller = new AbortController();
    const load = inLoadTurn(async () => 'ran', { awaits: inspected, signal: controller.signal, cancelled: () => new Error('cancelled') }).finally(() => claim!.release());
    controller.abort();
    await expect(load).rejects.toThrow('cancelled');
    held.finish();
    expect(await done).toBe(true);
    await tick();
    await t.db.query('SELECT 1');
    expect(await leftOver()).toEqual([]);
  }, 60000);
});
