import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Db } from './db-types';
import { dbQuery } from './db-query';
import { EXTRACTS_SIGNATURE_SQL, KEPT_NOTE_KEY, readKeptNote, type KeptNote } from './kept-data';
import { forgetKeptData, keepData } from './kept-storage';
import { useDbStatus } from './use-db';

/** The note of what is kept in this browser (kept-data.ts); set again whenever it changes. */
export const keptNoteQuery = queryOptions({
  queryKey: ['kept-note'] as const,
  queryFn: () => readKeptNote(),
  staleTime: Infinity,
  gcTime: Infinity,
});

/** The loaded extracts' ids, sorted and joined, and how many there are. */
export const extractsSignatureQuery = (db: Db | undefined) =>
  dbQuery(db, ['extracts-signature'], async (d) => (await d.query<{ signature: string; n: number }>(EXTRACTS_SIGNATURE_SQL))[0] ?? { signature: '', n: 0 });

/** The note of what is kept, followed as other tabs of the app keep or forget. */
function useKeptNote(): KeptNote | null {
  const client = useQueryClient();
  useEffect(() => {
    const changed = (e: StorageEvent) => {
      if (e.key === KEPT_NOTE_KEY || e.key === null) client.setQueryData(keptNoteQuery.queryKey, readKeptNote());
    };
    window.addEventListener('storage', changed);
    return () => window.removeEventListener('storage', changed);
  }, [client]);
  return useQuery(keptNoteQuery).data ?? null;
}

/** Whether the loaded data is kept in this browser as it stands now. */
export function useKeptUpToDate(): boolean {
  const status = useDbStatus();
  const note = useKeptNote();
  const current = useQuery(extractsSignatureQuery(status.state === 'ready' ? status.db : undefined)).data;
  return note !== null && current !== undefined && note.signature === current.signature;
}

/** The folders of kept copies this tab wrote itself (kept-storage.ts names one per copy). */
const keptByThisTab = new Set<string>();

/**
 * What is kept in this browser, and the ways to keep or forget it. While the kept copy is this
 * tab's own (it opened with it, or wrote it), every change to the loaded extracts (a load, a
 * removal) is kept too. A copy another tab wrote since, or one that could not be loaded as the app
 * opened, is left as it is until the user keeps the data loaded here or forgets it.
 */
export function useKeptData() {
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const keptAtOpen = status.state === 'ready' ? status.session.kept : null;
  const client = useQueryClient();
  const note = useKeptNote();
  const current = useQuery(extractsSignatureQuery(db)).data;
  const keep = useMutation({
    mutationFn: async () => {
      if (!db) throw new Error('The database is not ready yet.');
      return keepData(db);
    },
    onSuccess: (n) => {
      keptByThisTab.add(n.folder);
      client.setQueryData(keptNoteQuery.queryKey, n);
    },
  });
  const forget = useMutation({ mutationFn: forgetKeptData, onSuccess: () => client.setQueryData(keptNoteQuery.queryKey, null) });
  const upToDate = note !== null && current !== undefined && note.signature === current.signature;
  const own = note !== null && ((keptAtOpen?.state === 'loaded' && keptAtOpen.note.folder === note.folder) || keptByThisTab.has(note.folder));
  const follow = own && current !== undefined && !upToDate;
  const { mutate, isPending, isError } = keep;
  useEffect(() => {
    if (follow && !isPending && !isError) mutate();
  }, [follow, isPending, isError, mutate]);
  return { note, current, upToDate, own, keep, forget, keptAtOpen };
}
