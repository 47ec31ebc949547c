// Timers that run in the page. Playwright's own waiting checks the page at growing intervals, up to
// every half second, which added up to 0.5 s to a load or an open measured from outside; these
// watch the page itself and stop at the frame after what they wait for appears.

/**
 * Installed before the page's scripts run (addInitScript): resolves window.__benchOpen with the
 * milliseconds from navigation until the overview's police figure shows and no query is busy, and
 * window.__benchReady with those until the database is ready too (DuckDB started, the demo loaded,
 * no query busy), from when a filter change is answered. The figures may show before that: they
 * are the demo's first-open answers (src/data/first-open.ts).
 */
export function timeOpenInPage() {
  window.__benchReady = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.db-status[data-state="ready"][data-busy="false"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
  window.__benchOpen = new Promise((resolve) => {
    const shown = () =>
      /\d/.test(document.querySelector('[data-testid="headline-police"] [data-testid="value"]')?.textContent ?? '') &&
      document.querySelector('.db-status[data-busy="false"]') !== null;
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/**
 * Run just before the click on Load: resolves window.__benchLoad with the milliseconds from the
 * click until the file's report (or its error) shows, when each step of its progress bar began, and
 * the longest task the main thread ran meanwhile (Chromium reports tasks of 50 ms or more; 0 if none
 * was that long), which is how long the page could not answer a key or a click.
 */
export function timeLoadInPage(name) {
  window.__benchLoad = new Promise((resolve) => {
    const card = () => document.querySelector(`article[aria-label="File ${name}"]`);
    let clicked = null;
    const steps = [];
    let longestTaskMs = 0;
    const note = (entries) => {
      for (const t of entries) if (clicked !== null && t.startTime >= clicked) longestTaskMs = Math.max(longestTaskMs, t.duration);
    };
    const tasks = new PerformanceObserver((list) => note(list.getEntries()));
    tasks.observe({ type: 'longtask' });
    document.addEventListener('click', () => (clicked = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (clicked === null) return;
      const step = card()?.querySelector('progress')?.getAttribute('aria-valuetext');
      if (step && steps.at(-1)?.step !== step) steps.push({ step, atMs: performance.now() - clicked });
      if (!card()?.querySelector('.load-report, [role=alert]')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const ms = performance.now() - clicked;
        // long tasks are reported after they end: take in any still queued
        note(tasks.takeRecords());
        tasks.disconnect();
        resolve({ ms, steps, longestTaskMs: Math.round(longestTaskMs) });
      });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/**
 * Run before a file is given to the Data page's file input: resolves window.__benchChosen with the
 * milliseconds from the input's change (the file chosen) until the file's report (or its error)
 * shows, clicking Load itself in the frame its button appears (as a user clicking at once would,
 * with none of Playwright's waiting between checks), and when the button appeared.
 */
export function timeChosenInPage(name) {
  window.__benchChosen = new Promise((resolve) => {
    let chosen = null;
    let shownMs = null;
    document.addEventListener('change', () => (chosen ??= performance.now()), { capture: true, once: true });
    const card = () => document.querySelector(`article[aria-label="File ${name}"]`);
    const observer = new MutationObserver(() => {
      if (chosen === null) return;
      if (shownMs === null) {
        const button = [...(card()?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === `Load ${name}` && !b.disabled);
        if (button) {
          shownMs = performance.now() - chosen;
          button.click();
        }
      }
      if (!card()?.querySelector('.load-report, [role=alert]')) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve({ ms: performance.now() - chosen, shownMs }));
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}
