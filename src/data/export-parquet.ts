import { tableFromIPC } from 'apache-arrow';
import type { Db } from './db-types';
import { exportPreamble, prepareExport } from './export-records';
import type { Filters } from './filters';
import { createParquetEncoder, type ParquetColumn } from './parquet-encoder';
import type { ParquetWorkerMessage, ParquetWorkerReply } from './parquet-worker';

/** Something that turns batches of rows into a Parquet file: in a worker in the page, in-process in tests. */
export interface ParquetSink {
  start(columns: ParquetColumn[], metadata: Record<string, string>): Promise<void>;
  /** a batch of rows as Arrow IPC stream bytes */
  write(ipc: Uint8Array): Promise<void>;
  finish(): Promise<Uint8Array>;
  close(): void;
}

export function inProcessSink(): ParquetSink {
  let encoder: ReturnType<typeof createParquetEncoder> | null = null;
  return {
    start: async (columns, metadata) => void (encoder = createParquetEncoder(columns, metadata)),
    write: async (ipc) => encoder?.write(tableFromIPC(ipc)),
    finish: async () => encoder!.finish(),
    close: () => undefined,
  };
}

export function workerSink(): ParquetSink {
  const worker = new Worker(new URL('./parquet-worker.ts', import.meta.url), { type: 'module', name: 'parquet-export' });
  const send = (message: ParquetWorkerMessage) =>
    new Promise<ParquetWorkerReply>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<ParquetWorkerReply>) => (e.data.type === 'error' ? reject(new Error(e.data.message)) : resolve(e.data));
      worker.onerror = (e) => reject(new Error(e.message || 'The Parquet export worker failed.'));
      worker.postMessage(message, message.type === 'rows' ? [message.ipc.buffer] : []);
    });
  return {
    start: async (columns, metadata) => void (await send({ type: 'start', columns, metadata })),
    write: async (ipc) => void (await send({ type: 'rows', ipc })),
    finish: async () => {
      const reply = await send({ type: 'finish' });
      if (reply.type !== 'done') throw new Error('The Parquet export ended without a file.');
      return reply.bytes;
    },
    close: () => worker.terminate(),
  };
}

export const PARQUET_BATCH_ROWS = 50_000;

/**
 * The filtered records as a Parquet file: the same columns and rows as the CSV export, typed, with
 * the filters, the time made and whether the data is synthetic in the file's key-value metadata.
 * Rows go to the sink a batch at a time, so memory stays bounded and the page keeps drawing.
 */
export async function exportRecordsParquet(
  db: Db,
  filters: Filters,
  madeAt: Date,
  synthetic: boolean,
  sink: ParquetSink,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<Uint8Array> {
  try {
    // one snapshot for the plan and every batch: a file loaded meanwhile cannot mix into the export
    return await db.readSnapshot(async (snap) => {
      const { columns, rows, batches } = await prepareExport(snap, filters, PARQUET_BATCH_ROWS);
      const preamble = exportPreamble(filters, madeAt, synthetic).map((l) => l.replace(/^# /, ''));
      await sink.start(columns, { 'vrp.description': preamble.join('\n'), 'vrp.filters': preamble[1] ?? '', 'vrp.made': madeAt.toISOString(), 'vrp.synthetic': String(synthetic) });
      // DuckDB reads the next batch while the sink encodes this one (each works in its own worker)
      const read = (i: number) => {
        const b = batches[i];
        if (!b) return null;
        const ipc = snap.queryIpc(b.sql, b.params);
        ipc.catch(() => undefined); // a failure is thrown where it is awaited; the export may have stopped first
        return ipc;
      };
      let next = read(0);
      let done = 0;
      for (let i = 0; next; i++) {
        const ipc = await next;
        next = read(i + 1);
        await sink.write(ipc);
        done += batches[i]!.rows;
        onProgress(done, rows);
      }
      return await sink.finish();
    });
  } finally {
    sink.close();
  }
}
