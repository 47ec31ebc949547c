import { useEffect, useState } from 'react';

/**
 * False on a component's first render, true from the task after the browser has painted it: for
 * drawing a costly part (a chart) just after the figures beside it are on screen, instead of
 * holding them back until it is drawn too. On a first open of the overview, the figures showed a
 * median 145 ms after the last query's answer while its knife-crime chart was drawn with them, and
 * 55 ms with the chart drawn after (eight cold opens each, in turn).
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a frame's callback runs just before it is painted; a timer set there runs after
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted]);
  return painted;
}
