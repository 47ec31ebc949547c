import { tableFromIPC } from 'apache-arrow';
import { createParquetEncoder, type ParquetColumn } from './parquet-encoder';

// Encodes a Parquet export off the main thread: the page stays responsive for a million records.

export type ParquetWorkerMessage =
  | { type: 'start'; columns: ParquetColumn[]; metadata: Record<string, string> }
  /** a batch of rows as Arrow IPC bytes, decoded here rather than on the page */
  | { type: 'rows'; ipc: Uint8Array }
  | { type: 'finish' };

export type ParquetWorkerReply = { type: 'ok' } | { type: 'done'; bytes: Uint8Array } | { type: 'error'; message: string };

const scope = self as unknown as {
  postMessage(message: ParquetWorkerReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ParquetWorkerMessage>) => void): void;
};

let encoder: ReturnType<typeof createParquetEncoder> | null = null;

scope.addEventListener('message', (event) => {
  const message = event.data;
  try {
    if (message.type === 'start') {
      encoder = createParquetEncoder(message.columns, message.metadata);
      scope.postMessage({ type: 'ok' });
    } else if (message.type === 'rows') {
      if (!encoder) throw new Error('The Parquet export was not started.');
      encoder.write(tableFromIPC(message.ipc));
      scope.postMessage({ type: 'ok' });
    } else {
      if (!encoder) throw new Error('The Parquet export was not started.');
      const bytes = encoder.finish();
      encoder = null;
      scope.postMessage({ type: 'done', bytes }, [bytes.buffer]);
    }
  } catch (e) {
    scope.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
