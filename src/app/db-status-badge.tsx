import { useIsFetching } from '@tanstack/react-query';
import { DB_ROOT_KEY, useDbStatus } from '@/data/use-db';

export function DbStatusBadge({ demoLoading, demoError }: { demoLoading: boolean; demoError: string | null }) {
  const status = useDbStatus();
  let text =
    status.state === 'ready' ? 'Database ready' : status.state === 'starting' ? 'Database starting…' : `Database failed: ${status.reason}`;
  if (status.state === 'ready' && demoLoading) text = 'Loading synthetic demo data…';
  if (status.state === 'ready' && demoError) text = `Demo data failed to load: ${demoError}`;
  // figures on screen may be from before the last change until their queries finish
  const fetching = useIsFetching({ queryKey: DB_ROOT_KEY });
  if (status.state === 'ready' && !demoLoading && !demoError && fetching > 0) text = 'Database ready · updating figures…';
  return (
    <div
      className={`db-status db-status-${status.state}`}
      role="status"
      aria-live="polite"
      data-state={status.state}
      data-demo={demoLoading ? 'loading' : demoError ? 'failed' : 'idle'}
      data-busy={fetching > 0 ? 'true' : 'false'}
    >
      <span className="dot" aria-hidden="true" />
      {text}
    </div>
  );
}
