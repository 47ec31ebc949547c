import { useDbStatus } from '@/data/use-db';

export function DbStatusBadge({ demoLoading, demoError }: { demoLoading: boolean; demoError: string | null }) {
  const status = useDbStatus();
  let text =
    status.state === 'ready' ? 'Database ready' : status.state === 'starting' ? 'Database starting…' : `Database failed: ${status.reason}`;
  if (status.state === 'ready' && demoLoading) text = 'Loading synthetic demo data…';
  if (status.state === 'ready' && demoError) text = `Demo data failed to load: ${demoError}`;
  return (
    <div
      className={`db-status db-status-${status.state}`}
      role="status"
      aria-live="polite"
      data-state={status.state}
      data-demo={demoLoading ? 'loading' : demoError ? 'failed' : 'idle'}
    >
      <span className="dot" aria-hidden="true" />
      {text}
    </div>
  );
}
