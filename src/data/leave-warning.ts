import { useLayoutEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useDbStatus } from './use-db';
import type { Db } from './db-types';
import { dbQuery } from './db-query';
import { useKeptUpToDate } from './use-kept-data';

export const PARTNER_EXTRACTS_SQL = `SELECT count(*)::INTEGER AS n FROM extracts WHERE NOT is_demo`;

/** How many of the loaded extracts came from partner files rather than the synthetic demo. */
export const partnerExtractsQuery = (db: Db | undefined) =>
  dbQuery(db, ['partner-extracts'], async (d) => Number((await d.query<{ n: number }>(PARTNER_EXTRACTS_SQL))[0]?.n ?? 0));

/**
 * While partner extracts are loaded, the browser asks before the tab is closed or reloaded: they
 * are held only in this tab's memory, and loading them again takes the user's files and time. The
 * demo comes back by itself, and data kept in this browser as it stands (kept-data.ts) opens with
 * the app again, so neither is asked for.
 */
export function useWarnBeforeLeaving(): void {
  const status = useDbStatus();
  const q = useQuery(partnerExtractsQuery(status.state === 'ready' ? status.db : undefined));
  const kept = useKeptUpToDate();
  const loaded = (q.data ?? 0) > 0 && !kept;
  // set in the same commit as the top bar's "kept" (db-status-badge.tsx), so a tab that says its
  // data is kept never asks
  useLayoutEffect(() => {
    if (!loaded) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [loaded]);
}
