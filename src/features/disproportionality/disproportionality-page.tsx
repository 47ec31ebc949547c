import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { dataSpanQuery, monthlyCountsQuery } from '@/data/aggregate-queries';
import { AGE_BANDS, SEXES } from '@/data/filters';
import { SOURCE_IDS, SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import { useDbStatus } from '@/data/use-db';
import { useFilters } from '@/data/use-filters';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { useHeldOffScreen, useOnScreen } from '@/lib/use-on-screen';
import { useSettled } from '@/lib/use-settled';
import { CohortPanel } from './cohort-panel';
import { DenominatorCard } from './denominator-card';
import { EthnicityPanel } from './ethnicity-panel';
import { ethnicityFigures, sumBySource } from './ethnicity-rates';
import { cohortQuery, denominatorsQuery, groupCountsQuery } from './group-queries';
import { HowCalculated } from './how-calculated';
import { RollingRriPanel } from './rolling-rri-panel';
import { SharesPanel, sharesTable } from './shares-panel';

const PEOPLE_SOURCES: readonly SourceId[] = ['police', 'ambulance', 'ed', 'yjs', 'stop_search'];

export function DisproportionalityPage() {
  const { filters, filtersKey } = useFilters();
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const selectId = useId();
  const groups = useQuery(groupCountsQuery(db, filters));
  const denominators = useQuery(denominatorsQuery(db, filters.area, filters.age, filters.region));
  // panels below the fold catch up with a filter change when scrolled into view
  const [rollingRef, rollingOn] = useOnScreen<HTMLDivElement>();
  const [sharesRef, sharesOn] = useOnScreen<HTMLDivElement>();
  const [cohortRef, cohortOn] = useOnScreen<HTMLDivElement>();
  const rollingFilters = useHeldOffScreen(filters, rollingOn, filtersKey);
  const cohort = useQuery(cohortQuery(db, useHeldOffScreen(filters, cohortOn, filtersKey)));
  const span = useQuery(dataSpanQuery(db));
  const groupData = groups.data;
  const present = useMemo(() => SOURCE_IDS.filter((s) => PEOPLE_SOURCES.includes(s) && groupData?.ethnicity.some((r) => r.source === s)), [groupData]);
  const [picked, setPicked] = useState<SourceId | 'all' | null>(null);
  const source: SourceId | 'all' = picked ?? (present.includes('police') ? 'police' : (present[0] ?? 'all'));
  const sourceFilter = source === 'all' ? null : source;
  const monthly = useQuery(monthlyCountsQuery(db, sourceFilter ? { ...rollingFilters, sources: [sourceFilter] } : rollingFilters, 'ethnicity'));
  const label = source === 'all' ? 'all sources' : SOURCE_LABELS[source];
  // the rolling panel keeps its previous figures while the new source's months are counted, so it
  // keeps the previous source's name with them until they arrive
  const rollingLabel = useSettled(label, !monthly.isPlaceholderData);
  const queries = [groups, denominators, cohort, span, monthly];
  const error = queries.find((q) => q.error)?.error;
  const loading = !error && queries.some((q) => q.isPending);
  const from = rollingFilters.from ?? span.data?.first ?? null;
  const to = rollingFilters.to && span.data?.latestComplete && rollingFilters.to < span.data.latestComplete ? rollingFilters.to : (span.data?.latestComplete ?? null);
  // each panel's figures are rebuilt only when its own numbers change, so a panel redraws once per change
  const populations = denominators.data?.populations;
  const figures = useMemo(
    () => (groups.data && populations ? ethnicityFigures(sumBySource(groups.data.ethnicity, sourceFilter), populations) : null),
    [groups.data, populations, sourceFilter],
  );
  const sexTable = useMemo(() => (groups.data ? sharesTable(sumBySource(groups.data.sex, sourceFilter), SEXES, 'Sex') : null), [groups.data, sourceFilter]);
  const ageTable = useMemo(() => (groups.data ? sharesTable(sumBySource(groups.data.age_band, sourceFilter), AGE_BANDS, 'Age band') : null), [groups.data, sourceFilter]);
  const shares = useHeldOffScreen(useMemo(() => ({ sexTable, ageTable, label }), [sexTable, ageTable, label]), sharesOn, filtersKey);

  return (
    <>
      <PageHeader title="Disproportionality" lede="Who is affected: rates by ethnic group against the White group, with confidence intervals, and the make-up of the youth justice cohort." />
      <FilterBar />
      {filters.ethnicity.length > 0 && <p className="warn-box">The ethnicity filter is set, so groups outside it show no records. Clear it to compare every group.</p>}
      {error && <p role="alert">Could not compute the figures: {error.message}</p>}
      {loading && <p role="status" className="muted">Computing rates…</p>}
      {!loading && !error && denominators.data && figures && (
        <>
          <div className="source-picker">
            <label htmlFor={selectId}>Records from </label>
            <select id={selectId} value={source} onChange={(e) => setPicked(e.target.value as SourceId | 'all')}>
              {present.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
              <option value="all">All sources together</option>
            </select>
            <span className="muted small"> Sources differ in how they record ethnicity, so compare one at a time.</span>
          </div>
          <EthnicityPanel figures={figures} denominators={denominators.data} sourceLabel={label} publish={filters.publish} />
          <div ref={rollingRef}>
            {from && to && monthly.data && <RollingRriPanel rows={monthly.data} from={from} to={to} populations={denominators.data.populations} sourceLabel={rollingLabel} publish={filters.publish} />}
          </div>
          <div className="two-up" ref={sharesRef}>
            {shares.sexTable && <SharesPanel title={`By sex: ${shares.label}`} slug="by-sex" table={shares.sexTable} publish={filters.publish} />}
            {shares.ageTable && <SharesPanel title={`By age band: ${shares.label}`} slug="by-age" table={shares.ageTable} publish={filters.publish} />}
          </div>
          <div ref={cohortRef}>{cohort.data && <CohortPanel rows={cohort.data} />}</div>
          <DenominatorCard db={db} denominators={denominators.data} />
          <HowCalculated />
        </>
      )}
    </>
  );
}
