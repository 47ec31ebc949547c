import { queryOptions, useIsMutating, useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Db } from './db-types';
import { dbQuery } from './db-query';
import { EXTRACTS_SIGNATURE_SQL, KEPT_NOTE_KEY, readKeptNote, type KeptNote } from './kept-data';
import { forgetKeptData, keepData, leftoverStorage } from './kept-storage';
import { useDbStatus } from './use-db';
import { valueStore } from '@/lib/value-store';

/** The note of what is kept in this browser (kept-data.ts); set again whenever it changes. */
export const keptNoteQuery = queryOptions({
  queryKey: ['kept-note'] as const,
  queryFn: () => readKeptNote(),
  staleTime: Infinity,
  gcTime: Infinity,
});

/**
 * What the app stores besides the kept copy (kept-storage.ts): read again whenever the Data page's
 * panel shows, and after every keep and forget.
 */
const leftoversQuery = queryOptions({ queryKey: ['kept-leftovers'] as const, queryFn: leftoverStorage, staleTime: 0 });

/** The loaded extracts' ids, sorted and joined, how many there are, and how many are partners' (not the demo's). */
export const extractsSignatureQuery = (db: Db | undefined) =>
  dbQuery(
    db,
    ['extracts-signature'],
    async (d) => (await d.query<{ signature: string; n: number; partner: number }>(EXTRACTS_SIGNATURE_SQL))[0] ?? { signature: '', n: 0, partner: 0 },
  );

/** The note of what is kept, followed as other tabs of the app keep or forget. */
function useKeptNote(): KeptNote | null {
  const client = useQueryClient();
  useEffect(() => {
    const changed = (e: StorageEvent) => {
      if (e.key === KEPT_NOTE_KEY || e.key === null) client.setQueryData(keptNoteQuery.queryKey, readKeptNote());
      void client.invalidateQueries({ queryKey: leftoversQuery.queryKey });
    };
    window.addEventListener('storage', changed);
    return () => window.removeEventListener('storage', changed);
  }, [client]);
  return useQuery(keptNoteQuery).data ?? null;
}

/**
 * Why the kept copy could not be loaded as the app opened, while that copy is still the one kept
 * (not forgotten, nor replaced since); null otherwise.
 */
export function useKeptFailure(): string | null {
  const status = useDbStatus();
  const note = useKeptNote();
  const kept = status.state === 'ready' ? status.session.kept : null;
  return kept?.state === 'failed' && note?.folder === kept.folder ? kept.reason : null;
}

/**
 * Whether partner extracts are loaded that would be lost with the tab: loaded, and not kept in this
 * browser as they stand. The demo comes back by itself, so it alone is never at risk.
 */
export function usePartnerDataAtRisk(): boolean {
  const { upToDate, current } = useKeptState();
  return (current?.partner ?? 0) > 0 && !upToDate;
}

/**
 * What the top bar says of keeping: a keep running, or partner extracts loaded and kept as they
 * stand (so a reload or a closed tab loses nothing).
 */
export function useKeptProgress(): 'keeping' | 'kept' | 'idle' {
  const { upToDate, current } = useKeptState();
  const { keeping } = useLatestKeep();
  if (keeping) return 'keeping';
  return upToDate && (current?.partner ?? 0) > 0 ? 'kept' : 'idle';
}

/** The folders of kept copies this tab wrote itself (kept-storage.ts names one per copy). */
const keptByThisTab = new Set<string>();

/** Every keep, started by the user or by following (below), shares this key. */
const KEEP_KEY = ['keep-data'] as const;

/** The share of the running keep written so far (null while none runs), for the Keep panel's bar. */
const keepShare = valueStore<number | null>(null);

/** How much of the running keep is written, 0 to 1; null while no keep runs. */
export const useKeepShare = keepShare.use;

function useKeepMutation() {
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const client = useQueryClient();
  return useMutation({
    mutationKey: KEEP_KEY,
    mutationFn: async () => {
      if (!db) throw new Error('The database is not ready yet.');
      keepShare.set(0);
      const note = await keepData(db, keepShare.set);
      keptByThisTab.add(note.folder);
      return note;
    },
    onSuccess: (n) => client.setQueryData(keptNoteQuery.queryKey, n),
    onSettled: () => {
      keepShare.set(null);
      void client.invalidateQueries({ queryKey: leftoversQuery.queryKey });
    },
  });
}

/** Whether a keep runs, and the latest keep's error if it failed, whoever started it. */
function useLatestKeep(): { keeping: boolean; keepError: string | null } {
  const keeping = useIsMutating({ mutationKey: KEEP_KEY }) > 0;
  const states = useMutationState({ filters: { mutationKey: KEEP_KEY }, select: (m) => m.state });
  const last = states[states.length - 1];
  const keepError = last?.status !== 'error' ? null : last.error instanceof Error ? last.error.message : String(last.error);
  return { keeping, keepError };
}

/** What is kept, what is loaded, and whether the kept copy is this tab's own (see useFollowKeptCopy). */
function useKeptState() {
  const status = useDbStatus();
  const keptAtOpen = status.state === 'ready' ? status.session.kept : null;
  const note = useKeptNote();
  const current = useQuery(extractsSignatureQuery(status.state === 'ready' ? status.db : undefined)).data;
  const upToDate = note !== null && current !== undefined && note.signature === current.signature;
  const own = note !== null && ((keptAtOpen?.state === 'loaded' && keptAtOpen.note.folder === note.folder) || keptByThisTab.has(note.folder));
  return { note, current, upToDate, own, keptAtOpen };
}

/**
 * While the kept copy is this tab's own (it opened with it, or wrote it), every change to the
 * loaded data (a load, a removal, a denominator table) is kept too, from whichever view made it. A
 * copy another tab wrote since, or one that could not be loaded as the app opened, is left as it
 * is until the user keeps the data loaded here or forgets it. Used once, by the app's shell.
 */
export function useFollowKeptCopy(): void {
  const { current, upToDate, own } = useKeptState();
  const { keeping, keepError } = useLatestKeep();
  const { mutate } = useKeepMutation();
  const follow = own && current !== undefined && !upToDate;
  useEffect(() => {
    // after a keep that failed, none is tried by itself: the Data page shows the error, and the
    // user's next keep that succeeds resumes following
    if (follow && !keeping && keepError === null) mutate();
  }, [follow, keeping, keepError, mutate]);
}

/** What is kept in this browser, and the ways to keep or forget it (the Data page's panel). */
export function useKeptData() {
  const client = useQueryClient();
  const state = useKeptState();
  const keep = useKeepMutation();
  // the note goes first, so even a forget cut short leaves nothing kept to open
  const forget = useMutation({
    mutationFn: forgetKeptData,
    onSettled: () => {
      client.setQueryData(keptNoteQuery.queryKey, readKeptNote());
      void client.invalidateQueries({ queryKey: leftoversQuery.queryKey });
    },
  });
  const leftovers = useQuery(leftoversQuery).data ?? null;
  return { ...state, ...useLatestKeep(), keep: () => keep.mutate(), forget, leftovers };
}
