import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Db } from './db-types';
import { dbQuery } from './db-query';
import { EXTRACTS_SIGNATURE_SQL, readKeptNote, type KeptNote } from './kept-data';
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

/** Whether the loaded data is kept in this browser as it stands now. */
export function useKeptUpToDate(): boolean {
  const status = useDbStatus();
  const note = useQuery(keptNoteQuery).data ?? null;
  const current = useQuery(extractsSignatureQuery(status.state === 'ready' ? status.db : undefined)).data;
  return note !== null && current !== undefined && note.signature === current.signature;
}

/**
 * What is kept in this browser, and the ways to keep or forget it. While a copy is kept, every
 * change to the loaded extracts (a load, a removal) is kept too, unless the kept copy could not be
 * loaded as the app opened: it is then left as it is until the user keeps or forgets.
 */
export function useKeptData() {
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const keptAtOpen = status.state === 'ready' ? status.session.kept : null;
  const client = useQueryClient();
  const note: KeptNote | null = useQuery(keptNoteQuery).data ?? null;
  const current = useQuery(extractsSignatureQuery(db)).data;
  const setNote = (n: KeptNote | null) => client.setQueryData(keptNoteQuery.queryKey, n);
  const keep = useMutation({
    mutationFn: async () => {
      if (!db) throw new Error('The database is not ready yet.');
      return keepData(db);
    },
    onSuccess: setNote,
  });
  const forget = useMutation({ mutationFn: forgetKeptData, onSuccess: () => setNote(null) });
  const upToDate = note !== null && current !== undefined && note.signature === current.signature;
  const follow = note !== null && current !== undefined && !upToDate && keptAtOpen?.state !== 'failed';
  const { mutate, isPending, isError } = keep;
  useEffect(() => {
    if (follow && !isPending && !isError) mutate();
  }, [follow, isPending, isError, mutate]);
  return { note, current, upToDate, keep, forget, keptAtOpen };
}
