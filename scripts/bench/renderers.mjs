// Which of Chromium's renderer processes is the tab's. Beside the tab's own, Chromium runs its
// browser UI in a renderer (started with --top-chrome-webui, about 110 to 160 MB) and keeps a spare
// renderer ready for the next tab (about 75 MB); neither holds anything of the page's. The page,
// with its workers and DuckDB's, runs in one process, and every page the benchmark opens holds
// hundreds of MB more than the spare.

/**
 * The tab's renderer: of those that are not the browser's UI, the one that has held the most.
 * Null if there is none.
 * @param {readonly { rss: number; hwm: number; ui: boolean }[]} list
 */
export function tabRenderer(list) {
  let tab = null;
  for (const r of list) if (!r.ui && (tab === null || r.hwm > tab.hwm)) tab = r;
  return tab;
}
