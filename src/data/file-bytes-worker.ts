// Reads a file whole off the page's thread, for DuckDB's threaded build (see file-bytes.ts).

export type FileBytesReply = { bytes: ArrayBuffer } | { error: string };

const scope = self as unknown as {
  postMessage(message: FileBytesReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Blob>) => void): void;
};

scope.addEventListener('message', (event) => {
  event.data.arrayBuffer().then(
    (bytes) => scope.postMessage({ bytes }, [bytes]),
    (e: unknown) => scope.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
});
