import { describe, expect, it } from 'vitest';
import { tabRenderer } from '../../scripts/bench/renderers.mjs';

// The benchmark counts the tab's own renderer process, not Chromium's UI nor its spare renderer.
describe('tabRenderer', () => {
  it('takes the renderer that has held the most, leaving out the browser UI however large', () => {
    const ui = { rss: 950, hwm: 990, ui: true };
    const tab = { rss: 896, hwm: 901, ui: false };
    const spare = { rss: 74, hwm: 75, ui: false };
    expect(tabRenderer([spare, ui, tab])).toBe(tab);
  });

  it('goes by the most held, not by what is held now', () => {
    // a tab that held 900 MB and now holds 300 is the tab, not a process holding 400 at most
    const tab = { rss: 300, hwm: 900, ui: false };
    const other = { rss: 400, hwm: 400, ui: false };
    expect(tabRenderer([other, tab])).toBe(tab);
  });

  it('is null when only the browser UI runs', () => {
    expect(tabRenderer([{ rss: 120, hwm: 130, ui: true }])).toBeNull();
    expect(tabRenderer([])).toBeNull();
  });
});
