import type { FileBytesReply } from './file-bytes-worker';

/**
 * A file's bytes, read whole in a worker of their own and moved (not copied) to the page. Read on
 * the page, a 108 MB file held it up in a task of 60 to 180 ms (its buffer allocated and filled);
 * the worker's reading never blocks the page, and handing the buffer over takes no copy.
 */
export function readBytesOffThread(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  const worker = new Worker(new URL('./file-bytes-worker.ts', import.meta.url), { type: 'module', name: 'file-bytes' });
  return new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FileBytesReply>) => {
      const reply = event.data;
      if ('bytes' in reply) resolve(new Uint8Array(reply.bytes));
      else reject(new Error(reply.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'The file could not be read.'));
    };
    worker.postMessage(blob);
  }).finally(() => worker.terminate());
}
