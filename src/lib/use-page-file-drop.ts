import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** True when a drag carries files (from outside the page), not text or a link. */
export function carriesFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Makes the whole page a drop target for files while the component is mounted: a file dropped just
 * beside a drop zone would otherwise be opened by the browser in place of the app, and everything
 * loaded would be lost. `onFiles` gets the files dropped anywhere on the page. Listens on the
 * document, so that a window-wide guard (see the app's shell) sees these events already handled.
 * Returns whether files are being dragged over the page.
 */
export function usePageFileDrop(onFiles: (files: FileList) => void): boolean {
  const [dragging, setDragging] = useState(false);
  const handlers = useRef({ onFiles });
  useLayoutEffect(() => {
    handlers.current = { onFiles };
  });
  useEffect(() => {
    // every element the drag enters fires dragenter before the one it left fires dragleave
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth += 1;
      if (depth > 1) return;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      if (e.dataTransfer) handlers.current.onFiles(e.dataTransfer.files);
    };
    document.addEventListener('dragenter', enter);
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragenter', enter);
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

/**
 * Wherever no page takes dropped files, refuses them (the pointer shows a drop is not allowed), so
 * that the browser does not open a file dropped on the app in its place, losing what was loaded.
 */
export function useRefuseStrayFileDrops(): void {
  useEffect(() => {
    const refuse = (e: DragEvent) => {
      if (e.defaultPrevented || !carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);
}
