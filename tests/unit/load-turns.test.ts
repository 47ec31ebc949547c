import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inLoadTurn, inRehearsalTurn, loadsAskedFor } from '@/data/ingest/load-turns';
import { rehearseText } from '@/data/ingest/load-file';
import { mapColumns } from '@/data/ingest/contracts';
import type { LoadReport } from '@/data/ingest/load-extract';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';
import { POLICE_HEADER, policeText as extract } from '../helpers/police-text';

const MIB = 1024 * 1024;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('loads take turns', () => {
  it('a second load starts only once the first has ended, and is told it waits', async () => {
    const events: string[] = [];
    let finishFirst = () => {};
    const first = inLoadTurn(async () => {
      events.push('first starts');
      await new Promise<void>((resolve) => (finishFirst = resolve));
      events.push('first ends');
      return 1;
    });
    const second = inLoadTurn(
      async () => {
        events.push('second starts');
        return 2;
      },
      { onWait: () => events.push('second waits') },
    );
    await tick();
    expect(events).toEqual(['second waits', 'first starts']);
    expect(loadsAskedFor()).toBe(2);
    finishFirst();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual(['second waits', 'first starts', 'first ends', 'second starts']);
    expect(loadsAskedFor()).toBe(0);
  });

  it('a load that fails lets the next one go, and nobody is told to wait for nothing', async () => {
    const waited: string[] = [];
    await expect(inLoadTurn(() => Promise.reject(new Error('broken file')), { onWait: () => waited.push('a') })).rejects.toThrow('broken file');
    expect(await inLoadTurn(async () => 'next', { onWait: () => waited.push('b') })).toBe('next');
    expect(waited).toEqual([]);
  });

  it('a load cancelled while it waits gives up at once, and the one after it still waits for the first', async () => {
    const events: string[] = [];
    let finishFirst = () => {};
    const first = inLoadTurn(async () => {
      await new Promise<void>((resolve) => (finishFirst = resolve));
      events.push('first ends');
    });
    const controller = new AbortController();
    const cancelled = inLoadTurn(async () => events.push('cancelled one starts'), { signal: controller.signal, cancelled: () => new Error('Loading was cancelled') });
    const third = inLoadTurn(async () => events.push('third starts'));
    controller.abort();
    await expect(cancelled).rejects.toThrow('Loading was cancelled');
    await tick();
    expect(events).toEqual([]);
    finishFirst();
    await Promise.all([first, third]);
    expect(events).toEqual(['first ends', 'third starts']);
  });

  it('a rehearsal is stopped by a load asked for meanwhile, which goes next without being told to wait', async () => {
    const events: string[] = [];
    let stopped: AbortSignal | null = null;
    const rehearsal = inRehearsalTurn(async (signal) => {
      stopped = signal;
      events.push('rehearsal starts');
      // a rehearsal checks its signal between its steps
      while (!signal.aborted) await tick();
      events.push('rehearsal stops');
    });
    await tick();
    const load = inLoadTurn(
      async () => events.push('load starts'),
      { onWait: () => events.push('load waits') },
    );
    expect(await rehearsal).toBe(false);
    await load;
    expect(stopped!.aborted).toBe(true);
    expect(events).toEqual(['rehearsal starts', 'rehearsal stops', 'load starts']);
  });

  it('a load asked for while one rehearsal runs and another waits (the warm-up, then a chosen file) is not told to wait, and the waiting one never runs', async () => {
    const events: string[] = [];
    const first = inRehearsalTurn(async (signal) => {
      events.push('warm-up starts');
      while (!signal.aborted) await tick();
      events.push('warm-up stops');
    });
    const second = inRehearsalTurn(async () => events.push('file rehearsal runs'));
    await tick();
    const load = inLoadTurn(
      async () => events.push('load starts'),
      { onWait: () => events.push('load waits') },
    );
    expect(await first).toBe(false);
    expect(await second).toBe(false);
    await load;
    expect(events).toEqual(['warm-up starts', 'warm-up stops', 'load starts']);
  });

  it('a rehearsal does not start while a load waits or runs, and runs to the end otherwise', async () => {
    let finish: (() => void) | null = null;
    const load = inLoadTurn(() => new Promise<void>((resolve) => (finish = resolve)));
    let ran = false;
    // asked for and waiting for its turn, then running
    expect(await inRehearsalTurn(async () => (ran = true))).toBe(false);
    while (!finish) await tick();
    expect(await inRehearsalTurn(async () => (ran = true))).toBe(false);
    expect(ran).toBe(false);
    (finish as () => void)();
    await load;
    expect(await inRehearsalTurn(async () => (ran = true))).toBe(true);
    expect(ran).toBe(true);
  });
});

let t: TestDb;
beforeAll(async () => {
  t = await createLoadedDb();
}, 60000);
afterAll(() => t.db.close());

const nothingKept = async () =>
  t.db.query(`SELECT (SELECT count(*) FROM police)::INTEGER AS police, (SELECT count(*) FROM extracts)::INTEGER AS extracts,
    (SELECT count(*) FROM load_rejections)::INTEGER AS rejections, (SELECT count(*) FROM _events_store)::INTEGER AS events,
    (SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '\\_ld\\_%' ESCAPE '\\')::INTEGER AS working`);
const NOTHING = [{ police: 0, extracts: 0, rejections: 0, events: 0, working: 0 }];

describe('a dry run of a load', () => {
  it('reports what the load would do and keeps nothing', async () => {
    // tests/fixtures/police-basic.csv: 9 rows, 4 loaded, 4 rejected, 1 repeated (see load-police.test.ts)
    const dry = await loadBytes(t, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'), { dryRun: true });
    expect([dry.rowsRead, dry.rowsLoaded, dry.rowsRejected, dry.rowsDuplicate]).toEqual([9, 4, 4, 1]);
    expect(await nothingKept()).toEqual(NOTHING);
    const real = await loadBytes(t, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv'));
    expect({ ...real, extractId: '' }).toEqual({ ...dry, extractId: '' });
    expect(await t.db.query(`SELECT count(*)::INTEGER AS n FROM police`)).toEqual([{ n: 4 }]);
    await t.db.exec(`DELETE FROM police; DELETE FROM extracts; DELETE FROM load_rejections; DELETE FROM load_warnings; DELETE FROM _events_store`);
  });
});

describe('a rehearsal of a load', () => {
  it('stops at its next step when a load is asked for, and the load then runs on clean working tables', async () => {
    const headers = POLICE_HEADER.split(',');
    const text = async () => ({ bytes: new TextEncoder().encode(extract(MIB)), fileName: 'rehearsal.csv', format: 'csv' as const, source: 'police' as const, mapping: mapColumns('police', headers), columns: headers.length });
    const asked: { load?: Promise<LoadReport> } = {};
    const steps: string[] = [];
    // a load is asked for while the rehearsal checks the values of its rows
    const rehearsal = rehearseText(t, text, (stage) => {
      steps.push(stage.name);
      if (stage.name === 'Checking values') asked.load = inLoadTurn(() => loadBytes(t, 'police-basic.csv', readFileSync('tests/fixtures/police-basic.csv')));
    });
    expect(await rehearsal).toBe(false);
    expect(steps).toEqual(['Reading the file', 'Checking values']);
    expect(asked.load).toBeDefined();
    const report = await asked.load!;
    // the fixture's hand-counted rows, so nothing of the rehearsal's rows was in its working tables
    expect([report.rowsRead, report.rowsLoaded]).toEqual([9, 4]);
    expect(await t.db.query(`SELECT count(*)::INTEGER AS n FROM police`)).toEqual([{ n: 4 }]);
  }, 60000);
});
