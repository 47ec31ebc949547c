// The benchmark's floor page (built by scripts/bench.mjs, never part of the app): DuckDB-wasm, the
// same trimmed builds the app runs, reading a file into a table and nothing else; and the machine's
// own speed at touching fresh memory. Functions on window, called by page.evaluate.
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from 'vrp:duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWasm from 'vrp:duckdb-coi.wasm?url';
import coiWorker from 'vrp:duckdb-coi.worker.js?url';
import coiPthread from 'vrp:duckdb-coi.pthread.worker.js?url';

/**
 * Starts DuckDB (not timed), fetches the file into a Blob (not timed), then times registering it
 * and `CREATE TABLE t AS SELECT * FROM read_csv(file)`, with DuckDB's own detection of the columns.
 * With `threads` above 1, the threaded build on that many threads, reading the file as the app's
 * threaded build does (its bytes read from the Blob and handed to DuckDB's worker, timed); else
 * the single-threaded one, through the browser's file reader.
 */
window.benchFloor = async (url, threads = 1) => {
  const threaded = threads > 1;
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(threaded ? coiWorker : ehWorker));
  await db.instantiate(threaded ? coiWasm : ehWasm, threaded ? coiPthread : undefined);
  await db.open(threaded ? { maximumThreads: threads } : {});
  const conn = await db.connect();
  const blob = await (await fetch(url)).blob();
  const t0 = performance.now();
  if (threaded) await db.registerFileBuffer('extract.csv', new Uint8Array(await blob.arrayBuffer()));
  else await db.registerFileHandle('extract.csv', blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  await conn.query(`CREATE TABLE t AS SELECT * FROM read_csv('extract.csv')`);
  const ms = performance.now() - t0;
  const rows = Number((await conn.query('SELECT count(*)::INTEGER AS n FROM t')).getChildAt(0).get(0));
  await conn.close();
  await db.terminate();
  return { ms, rows };
};

/** MiB per second at writing one byte into each 4 KiB page of 512 MiB of fresh memory, the best of three. */
window.benchTouchMemory = () => {
  const size = 512 * 1024 * 1024;
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const a = new Uint8Array(size);
    for (let i = 0; i < size; i += 4096) a[i] = 1;
    best = Math.min(best, performance.now() - t0);
  }
  return 512 / (best / 1000);
};

/**
 * Fresh memory taken as DuckDB takes it: one WebAssembly memory grown by `stepMiB` at a time, up to
 * `maxMiB` (or until the browser refuses more), one byte written into each 4 KiB page of each step.
 * The MiB per second of each step, in order.
 */
window.benchFreshMemory = (stepMiB, maxMiB) => {
  const memory = new WebAssembly.Memory({ initial: 0, maximum: 65536 });
  const stepBytes = stepMiB * 1024 * 1024;
  const rates = [];
  for (let held = 0; held + stepBytes <= maxMiB * 1024 * 1024; held += stepBytes) {
    const t0 = performance.now();
    try {
      memory.grow(stepBytes / 65536);
    } catch {
      break;
    }
    const fresh = new Uint8Array(memory.buffer, held, stepBytes);
    for (let i = 0; i < stepBytes; i += 4096) fresh[i] = 1;
    rates.push(stepMiB / ((performance.now() - t0) / 1000));
  }
  return rates;
};
