import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dbQuery } from '@/data/db-query';
import type { Db } from '@/data/db-types';
import { DB_ROOT_KEY, useDbStatus } from '@/data/use-db';
import { listExtracts, removeExtract } from '@/data/ingest/extracts';
import type { SourceId } from '@/data/ingest/contracts';

export function extractsQuery(db: Db | undefined) {
  return dbQuery(db, ['extracts'], listExtracts);
}

export function useExtracts() {
  const status = useDbStatus();
  return useQuery(extractsQuery(status.state === 'ready' ? status.db : undefined));
}

export function useRemoveExtract(db: Db | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ extractId, source }: { extractId: string; source: SourceId }) => {
      if (!db) throw new Error('The database is not ready yet.');
      await removeExtract(db, extractId, source);
    },
    onSettled: () => client.invalidateQueries({ queryKey: DB_ROOT_KEY }),
  });
}
