import { useCallback, useRef, useState } from 'react';

/**
 * Whether an element is on screen (any part of it inside the viewport). Returns a ref callback to
 * put on the element. Until the element is measured it counts as on screen, so a page's first
 * render draws everything as before.
 */
export function useOnScreen<T extends Element>(): [(el: T | null) => void, boolean] {
  const [onScreen, setOnScreen] = useState(true);
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const o = new IntersectionObserver((entries) => {
      const last = entries[entries.length - 1];
      if (last) setOnScreen(last.isIntersecting);
    });
    o.observe(el);
    observer.current = o;
  }, []);
  return [ref, onScreen];
}

/**
 * A panel's figures (or the filters it queries with) that catch up with a filter change only on
 * screen. While the panel is on screen, or its filters are still those of its figures, the value
 * passes through, so new data and first answers show wherever the panel is. Once the filters
 * (`filtersKey`) change while it is off screen, it keeps the value it had for the filters it last
 * showed, so it neither queries nor redraws until it is scrolled into view. The value must keep its
 * identity while unchanged (memoised): a new one on every render would render again without end.
 */
export function useHeldOffScreen<T>(value: T, onScreen: boolean, filtersKey: string): T {
  const [held, setHeld] = useState({ value, filtersKey });
  const current = onScreen || filtersKey === held.filtersKey;
  if (current && (held.value !== value || held.filtersKey !== filtersKey)) setHeld({ value, filtersKey });
  return current ? value : held.value;
}
