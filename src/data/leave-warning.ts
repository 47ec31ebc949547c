import { useLayoutEffect } from 'react';
import { usePartnerDataAtRisk } from './use-kept-data';

/**
 * While partner extracts are loaded, the browser asks before the tab is closed or reloaded: they
 * are held only in this tab's memory, and loading them again takes the user's files and time. The
 * demo comes back by itself, and data kept in this browser as it stands (kept-data.ts) opens with
 * the app again, so neither is asked for.
 */
export function useWarnBeforeLeaving(): void {
  const atRisk = usePartnerDataAtRisk();
  // set in the same commit as the top bar's "kept" (db-status-badge.tsx), so a tab that says its
  // data is kept never asks
  useLayoutEffect(() => {
    if (!atRisk) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [atRisk]);
}
