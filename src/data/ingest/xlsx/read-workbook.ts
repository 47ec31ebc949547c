import type { WorkbookText } from './workbook-to-csv';
import type { XlsxWorkerReply, XlsxWorkerRequest } from './xlsx-worker';

/** Reads a workbook's sheet as CSV in a worker of its own, let go once it has answered. */
export function readWorkbook(file: Blob, sheet?: string): Promise<WorkbookText> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./xlsx-worker.ts', import.meta.url), { type: 'module', name: 'xlsx-reader' });
    worker.addEventListener('message', (event: MessageEvent<XlsxWorkerReply>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.text);
      else reject(new Error(event.data.problem));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(`The workbook could not be read (${event.message || 'the reader stopped'}).`));
    });
    const request: XlsxWorkerRequest = sheet === undefined ? { file } : { file, sheet };
    worker.postMessage(request);
  });
}
