import { useDbStatus } from '@/data/use-db';

export function DbStatusBadge() {
  const status = useDbStatus();
  const text =
    status.state === 'ready' ? 'Database ready' : status.state === 'starting' ? 'Database starting…' : `Database failed: ${status.reason}`;
  return (
    <div className={`db-status db-status-${status.state}`} role="status" aria-live="polite" data-state={status.state}>
      <span className="dot" aria-hidden="true" />
      {text}
    </div>
  );
}
