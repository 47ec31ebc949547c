import { useMemo } from 'react';
import type { MonthlyCount } from '@/data/aggregates';
import { useFilters } from '@/data/use-filters';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { formatMonth } from '@/lib/format';
import { navigate, useLocation } from '@/lib/router';
import { AttentionList } from './attention-list';
import { HeadlineCards, headlineSpecs } from './headline-cards';
import { KnifeTargetPanel } from './knife-target-panel';
import { useOverviewData } from './use-overview-data';
import { usePrintPack } from '@/components/use-print-pack';

/** The report month: the latest complete month in the data, or the filter's last month if earlier. */
export function reportMonth(latestComplete: string | null, to: string | null): string | null {
  if (!latestComplete) return null;
  return to && to < latestComplete ? to : latestComplete;
}

function yearParam(search: string, name: string): number | null {
  const v = new URLSearchParams(search).get(name);
  return v && /^\d{4}$/.test(v) ? Number(v) : null;
}

const NONE: readonly MonthlyCount[] = [];

/** Sets the knife target's baseline and target years in the URL, keeping the rest as it is when called. */
function setYears(baseline: number, target: number): void {
  const q = new URLSearchParams(window.location.search);
  q.set('kbase', String(baseline));
  q.set('ktarget', String(target));
  navigate(`${window.location.pathname}?${q.toString()}`);
}

export function OverviewPage() {
  const { filters } = useFilters();
  const { search } = useLocation();
  const d = useOverviewData(filters);
  const month = reportMonth(d.span?.latestComplete ?? null, filters.to);
  const firstMonth = filters.from && d.span?.first && filters.from > d.span.first ? filters.from : (d.span?.first ?? null);
  const ready = !d.loading && !d.error && month !== null && firstMonth !== null && d.bySource !== undefined;
  const pack = usePrintPack(filters, ready);

  const firstYear = firstMonth ? Number(firstMonth.slice(0, 4)) + (firstMonth.endsWith('-01') ? 0 : 1) : 2019;
  const lastYear = month ? Number(month.slice(0, 4)) : firstYear;
  const years = useMemo(() => Array.from({ length: Math.max(1, lastYear - firstYear + 1) }, (_, i) => firstYear + i), [firstYear, lastYear]);
  const baselineYear = yearParam(search, 'kbase') ?? firstYear;
  const targetYear = Math.max(yearParam(search, 'ktarget') ?? baselineYear + 10, baselineYear + 1);
  const specs = useMemo(
    () => (d.bySource ? headlineSpecs(d.bySource, d.knifeExcluded ? null : (d.knife ?? NONE), d.children ?? NONE, d.fte ?? NONE) : null),
    [d.bySource, d.knifeExcluded, d.knife, d.children, d.fte],
  );

  return (
    <>
      <PageHeader title="Overview" lede={month ? `The partnership's figures for ${formatMonth(month)}, the latest complete month, and whether the change is real or noise.` : "This month's headline figures for the partnership board."}>
        <button type="button" className="print-button" onClick={pack.print} disabled={!ready}>
          Print board pack
        </button>
      </PageHeader>
      {pack.switched && filters.publish && (
        <p className="print-note" role="note">
          Publishing mode was switched on for printing: counts of 1 to 4 are shown as &lt;5. Untick it in the filters to see every number on screen.
        </p>
      )}
      <FilterBar />
      {d.error && <p role="alert">Could not compute the overview: {d.error.message}</p>}
      {d.loading && <p role="status" className="muted">Computing this month's figures…</p>}
      {!d.loading && !d.error && !ready && <p className="empty-state card">No records are loaded or match the filters. Load extracts on the Data page, or reset the filters.</p>}
      {ready && month && firstMonth && d.bySource && (
        <>
          {specs && <HeadlineCards specs={specs} month={month} firstMonth={firstMonth} publish={filters.publish} />}
          <div className="two-up">
            {d.knifeExcluded ? (
              <section className="card">
                <h2>Halving knife-involved violence</h2>
                <p>The weapon filter leaves knives out, so there is no knife-crime figure to follow.</p>
              </section>
            ) : (
              <KnifeTargetPanel rows={d.knife ?? []} month={month} firstMonth={firstMonth} baselineYear={baselineYear} targetYear={targetYear} years={years} onChange={setYears} publish={filters.publish} />
            )}
            <AttentionList groups={d.groups} month={month} firstMonth={firstMonth} wardName={d.wardName} publish={filters.publish} />
          </div>
        </>
      )}
    </>
  );
}
