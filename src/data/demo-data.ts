import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DB_ROOT_KEY, useDbStatus, type DbSession } from './use-db';
import { removeExtract } from './ingest/extracts';
import { dbQuery } from './db-query';
import type { SourceId } from './ingest/contracts';

export const demoExtractsQuery = (session: DbSession | undefined) =>
  dbQuery(session?.db, ['demo-extracts'], (db) => db.query<{ extract_id: string; source: string }>(`SELECT extract_id, source FROM extracts WHERE is_demo`));

/** Whether synthetic demo data is loaded now, and a way to remove it. */
export function useDemoPresence() {
  const status = useDbStatus();
  const session = status.state === 'ready' ? status.session : undefined;
  const client = useQueryClient();
  const q = useQuery(demoExtractsQuery(session));
  const remove = async () => {
    if (!session) return;
    for (const x of q.data ?? []) await removeExtract(session.db, x.extract_id, x.source as SourceId);
    await client.invalidateQueries({ queryKey: DB_ROOT_KEY });
  };
  return { loaded: (q.data?.length ?? 0) > 0, remove };
}
