import { workbookToCsv, type WorkbookText } from './workbook-to-csv';
import type { SheetPart } from './workbook';
import { UnnumberedRowsError } from './sheet-xml';

// Reads a workbook off the main thread: unpacking and scanning a large sheet takes seconds, and
// the page stays responsive meanwhile.

export interface XlsxWorkerRequest {
  file: Blob;
  sheet?: string;
  part: SheetPart;
}

/** `unnumbered`: a part after the first met rows without numbers, so the sheet must be read whole */
export type XlsxWorkerReply = { ok: true; text: WorkbookText } | { ok: false; problem: string; unnumbered?: boolean };

const scope = self as unknown as {
  postMessage(message: XlsxWorkerReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<XlsxWorkerRequest>) => void): void;
};

scope.addEventListener('message', (event) => {
  void (async () => {
    try {
      const text = await workbookToCsv(new Uint8Array(await event.data.file.arrayBuffer()), event.data.sheet, undefined, event.data.part);
      scope.postMessage({ ok: true, text }, [text.csv.buffer]);
    } catch (e) {
      scope.postMessage({ ok: false, problem: e instanceof Error ? e.message : String(e), ...(e instanceof UnnumberedRowsError ? { unnumbered: true } : {}) });
    }
  })();
});
