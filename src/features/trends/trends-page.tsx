import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Residents } from '@/data/residents';
import { weekHourQuery } from '@/data/aggregate-queries';
import { useFilters } from '@/data/use-filters';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { formatMonth } from '@/lib/format';
import { useHeldOffScreen, useOnScreen } from '@/lib/use-on-screen';
import { MonthlyChart } from './monthly-chart';
import { RollingChart } from './rolling-chart';
import { SpcPanel } from './spc-panel';
import { useTrendData } from './use-trend-data';
import { WeekHourHeatmap } from './week-hour-heatmap';
import { YearOnYearChart } from './year-on-year-chart';

export function TrendsPage() {
  const { filters, filtersKey } = useFilters();
  // whose rate the monthly chart shows: residents of all ages, or of 0–15 or 16–24
  const [residents, setResidents] = useState<Residents>('all');
  const t = useTrendData(filters, residents);
  // panels below the fold catch up with a filter change when scrolled into view
  const [spcRef, spcOn] = useOnScreen<HTMLDivElement>();
  const [pairRef, pairOn] = useOnScreen<HTMLDivElement>();
  const [weekHourRef, weekHourOn] = useOnScreen<HTMLDivElement>();
  const trend = useMemo(() => ({ counts: t.counts, range: t.range, sources: t.sources }), [t.counts, t.range, t.sources]);
  const spc = useHeldOffScreen(trend, spcOn, filtersKey);
  const pair = useHeldOffScreen(trend, pairOn, filtersKey);
  const weekHour = useQuery(weekHourQuery(t.db, useHeldOffScreen(filters, weekHourOn, filtersKey)));
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
          <MonthlyChart
            counts={t.counts}
            rateCounts={t.rates.counts}
            range={t.range}
            sources={t.sources}
            population={t.rates.population ?? t.population}
            residents={t.rates.residents}
            chosen={residents}
            onResidents={setResidents}
            publish={filters.publish}
          />
          <div ref={spcRef}>{spc.range && <SpcPanel counts={spc.counts} range={spc.range} sources={spc.sources} publish={filters.publish} />}</div>
          <div className="two-up" ref={pairRef}>
            {pair.range && <RollingChart counts={pair.counts} range={pair.range} sources={pair.sources} publish={filters.publish} />}
            {pair.range && <YearOnYearChart counts={pair.counts} range={pair.range} firstMonth={t.span.first} publish={filters.publish} />}
          </div>
          <div ref={weekHourRef}>{weekHour.data && <WeekHourHeatmap cells={weekHour.data.cells} unknownHour={weekHour.data.unknownHour} publish={filters.publish} />}</div>
        </>
      )}
    </>
  );
}
