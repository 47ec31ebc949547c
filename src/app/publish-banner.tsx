import { useFilters } from '@/data/use-filters';

export function PublishBanner() {
  const { filters } = useFilters();
  if (!filters.publish) return null;
  return (
    <div className="publish-banner" role="note" aria-label="Publishing mode">
      <strong>Publishing mode is on</strong>: counts from 1 to 4 show as &lt;5, with further cells hidden where totals would reveal them;
      rates and shares built on them are not shown.
    </div>
  );
}
