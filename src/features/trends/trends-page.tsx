import { useQuery } from '@tanstack/react-query';
import { weekHourQuery } from '@/data/aggregate-queries';
import { useFilters } from '@/data/use-filters';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { formatMonth } from '@/lib/format';
import { MonthlyChart } from './monthly-chart';
import { RollingChart } from './rolling-chart';
import { SpcPanel } from './spc-panel';
import { useTrendData } from './use-trend-data';
import { WeekHourHeatmap } from './week-hour-heatmap';
import { YearOnYearChart } from './year-on-year-chart';

export function TrendsPage() {
  const { filters } = useFilters();
  const t = useTrendData(filters);
  const weekHour = useQuery(weekHourQuery(t.db, filters));
  const ready = !t.loading && !t.error && t.range && t.population && t.span?.first;
  return (
    <>
      <PageHeader title="Trends" lede="When violence happens: month by month, year on year, and whether a change is real or noise." />
      <FilterBar />
      {t.error && <p role="alert">Could not compute the trends: {t.error.message}</p>}
      {t.loading && <p role="status" className="muted">Computing trends…</p>}
      {!t.loading && !t.error && !ready && <p className="empty-state card">No records match the filters, so there is no trend to show.</p>}
      {ready && t.range && t.population && t.span?.first && (
        <>
          <p className="muted small" data-testid="trend-range">
            {formatMonth(t.range.from)} to {formatMonth(t.range.to)}
            {t.span.last && t.span.last !== t.span.latestComplete && t.range.to === t.span.latestComplete ? ` (${formatMonth(t.span.last)} is not complete yet and is left out)` : ''}.
          </p>
          <MonthlyChart counts={t.counts} range={t.range} sources={t.sources} population={t.population} publish={filters.publish} />
          <SpcPanel counts={t.counts} range={t.range} sources={t.sources} publish={filters.publish} />
          <div className="two-up">
            <RollingChart counts={t.counts} range={t.range} sources={t.sources} publish={filters.publish} />
            <YearOnYearChart counts={t.counts} range={t.range} firstMonth={t.span.first} publish={filters.publish} />
          </div>
          {weekHour.data && <WeekHourHeatmap cells={weekHour.data.cells} unknownHour={weekHour.data.unknownHour} publish={filters.publish} />}
        </>
      )}
    </>
  );
}
