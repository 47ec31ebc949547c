import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DB_ROOT_KEY, useDbStatus } from './use-db';
import type { Db } from './db-types';
import { removeExtract } from './ingest/extracts';
import { dbQuery } from './db-query';
import type { SourceId } from './ingest/contracts';

export const demoExtractsQuery = (db: Db | undefined) =>
  dbQuery(db, ['demo-extracts'], (d) => d.query<{ extract_id: string; source: string }>(`SELECT extract_id, source FROM extracts WHERE is_demo ORDER BY source`));

/** Whether synthetic demo data is loaded now, and a way to remove it. */
export function useDemoPresence() {
  const status = useDbStatus();
  const session = status.state === 'ready' ? status.session : undefined;
  const client = useQueryClient();
  const q = useQuery(demoExtractsQuery(session?.db));
  const remove = async () => {
    if (!session) return;
    for (const x of q.data ?? []) await removeExtract(session.db, x.extract_id, x.source as SourceId);
    await client.invalidateQueries({ queryKey: DB_ROOT_KEY });
  };
  return { loaded: (q.data?.length ?? 0) > 0, remove };
}
