import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { dataSpanQuery } from '@/data/aggregate-queries';
import { useDemoPresence } from '@/data/demo-data';
import { useDbStatus } from '@/data/use-db';
import { useFilters } from '@/data/use-filters';
import { ChartPanel } from '@/components/chart-panel';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { usePrintPack } from '@/components/use-print-pack';
import { formatCount, formatMonth } from '@/lib/format';
import { queenNeighbours } from '@/lib/hotspots';
import { Link } from '@/lib/router';
import { DefinitionPanel, type ComparisonRow } from './definition-panel';
import { areaMonthCountsQuery, areaProfilesQuery, boundariesQuery } from './evaluate-queries';
import { blockingProblem, countsTable, evaluate, indexedTable } from './evaluation';
import { LEVEL_NAMES, periodsOf, type AreaLevel } from './evaluation-params';
import { REGION_BOUNDS } from '@/components/area-map-base';
import { regionName } from '@/data/region';
import { IndexedChart } from './indexed-chart';
import { PickMap, ROLE_COLOURS, type Role } from './pick-map';
import { DetectablePanel, DisplacementPanel, ResultPanel, TrendPanel } from './result-panels';
import { useEvaluation } from './use-evaluation';

/** The demo's planted youth hub (data/demo/README.md): two wards from April 2024, for 10–17-year-olds. */
export const DEMO_HUB = '/evaluate?iv=E05011385,E05011387&start=2024-04&name=Youth+hub+(synthetic+demo)&age=10-17';

export function EvaluatePage() {
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const { filters } = useFilters();
  const { params, problems, update } = useEvaluation();
  const demo = useDemoPresence();
  const [chosenLevel, setChosenLevel] = useState<AreaLevel>('ward');
  const level = params.level ?? chosenLevel;
  const profiles = useQuery(areaProfilesQuery(db, level, filters.region));
  const shapes = useQuery(boundariesQuery(db, level, filters.region));
  const span = useQuery(dataSpanQuery(db));
  const spanMonths = useMemo(() => (span.data?.first && span.data.latestComplete ? { first: span.data.first, latestComplete: span.data.latestComplete } : null), [span.data]);
  const problem = profiles.data && span.data ? blockingProblem(params, profiles.data, spanMonths) : null;
  const periods = params.start ? periodsOf(params.start, params.months) : null;
  const countsOptions = areaMonthCountsQuery(db, level, filters, periods?.before.from ?? '', periods?.after.to ?? '');
  const counts = useQuery({ ...countsOptions, enabled: countsOptions.enabled && periods !== null && problem === null && profiles.data !== undefined && span.data !== undefined });
  const neighbours = useMemo(() => (shapes.data ? queenNeighbours(shapes.data) : null), [shapes.data]);
  const evaluation = useMemo(
    () => (problem === null && counts.data && profiles.data && neighbours && spanMonths && !counts.isPlaceholderData ? evaluate(params, profiles.data, neighbours, counts.data, spanMonths) : null),
    [problem, counts.data, counts.isPlaceholderData, profiles.data, neighbours, spanMonths, params],
  );
  const ready = evaluation !== null;
  const pack = usePrintPack(filters, ready);

  const roles = useMemo(() => {
    const m = new Map<string, Role>();
    if (evaluation) {
      for (const c of evaluation.ring.codes) m.set(c, 'ring');
      for (const c of evaluation.comparison.codes) m.set(c, 'comparison');
    }
    for (const c of params.iv) m.set(c, 'intervention');
    return m;
  }, [evaluation, params.iv]);
  const nameOf = useCallback((code: string) => profiles.data?.find((p) => p.code === code)?.name ?? code, [profiles.data]);
  const describe = useCallback(
    (code: string) => {
      const role = roles.get(code);
      return `${nameOf(code)}${role ? ` — ${role === 'ring' ? 'touching the intervention' : `${role} area`}` : ''}`;
    },
    [roles, nameOf],
  );
  const toggle = useCallback(
    (code: string) => {
      const iv = params.iv.includes(code) ? params.iv.filter((c) => c !== code) : [...params.iv, code];
      update({ iv, compare: params.compare.kind === 'list' ? { kind: 'list', codes: params.compare.codes.filter((c) => c !== code) } : params.compare });
    },
    [params.iv, params.compare, update],
  );
  const comparisonRows: ComparisonRow[] = evaluation
    ? evaluation.comparison.codes.map((code) => {
        const a = evaluation.areas.get(code);
        return { code, name: a?.name ?? code, imd: a?.imd ?? 0, rate: a?.rate ?? null, before: a?.before ?? 0 };
      })
    : [];

  const loading = !profiles.error && !span.error && (profiles.isPending || span.isPending || shapes.isPending || (problem === null && params.start !== null && params.iv.length > 0 && counts.isPending));
  const error = profiles.error ?? shapes.error ?? span.error ?? counts.error;
  const title = params.name || 'An intervention';
  const ivNames = params.iv.map(nameOf);

  return (
    <>
      <PageHeader title="Evaluate" lede="Did it work? Compare an intervention’s areas before and after it started with areas like them, beyond chance.">
        <button type="button" className="print-button" onClick={pack.print} disabled={!ready}>
          Print summary
        </button>
      </PageHeader>
      {pack.switched && filters.publish && (
        <p className="print-note" role="note">
          Publishing mode was switched on for printing: counts of 1 to 4 are shown as &lt;5, and no ratio built on them is shown.
        </p>
      )}
      <FilterBar />
      <p className="muted small not-applied" role="note">
        On this view the filter bar’s <strong>From</strong>, <strong>To</strong> and <strong>Area</strong> do not apply: the intervention’s areas and periods take their place. The other filters (source, age, sex, ethnicity, weapon, role) choose
        the outcome.{(filters.from || filters.to || filters.area) && ' They stay set for the other views.'}
      </p>
      {problems.length > 0 && (
        <ul className="warn-box problems" aria-label="Parts of the link that were ignored">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {error && <p role="alert">Could not evaluate: {error.message}</p>}
      {profiles.data && (
        <DefinitionPanel
          params={params}
          level={level}
          onLevel={setChosenLevel}
          profiles={profiles.data}
          update={update}
          comparison={comparisonRows}
          span={spanMonths}
          publish={filters.publish}
          whole={regionName(filters.region)}
          map={
            shapes.data ? (
              <>
                <PickMap shapes={shapes.data} roles={roles} onToggle={toggle} describe={describe} home={REGION_BOUNDS[filters.region]} />
                <ul className="map-legend" aria-label="Map key">
                  {(['intervention', 'comparison', 'ring'] as const).map((r) => (
                    <li key={r}>
                      <span className="swatch" style={{ background: ROLE_COLOURS[r] }} aria-hidden="true" />
                      {r === 'ring' ? 'Touching the intervention (ring)' : r === 'intervention' ? 'Intervention' : 'Comparison'}
                    </li>
                  ))}
                </ul>
              </>
            ) : null
          }
        />
      )}
      {loading && !error && (
        <p role="status" className="muted">
          Evaluating…
        </p>
      )}
      {problem && !loading && (
        <section className="card empty-state evaluate-empty">
          <p>{problem}</p>
          {params.iv.length === 0 && demo.loaded && (
            <p>
              <Link to={DEMO_HUB}>Try the demo’s youth hub</Link>: two wards where the synthetic data has a hub opening in April 2024 for 10–17-year-olds.
            </p>
          )}
        </section>
      )}
      {evaluation && params.start && (
        <div className="evaluation" data-testid="evaluation">
          <section className="card definition-summary" aria-label="What is evaluated">
            <h2>{title}</h2>
            <p>
              {formatCount(params.iv.length)} {params.iv.length === 1 ? LEVEL_NAMES[level].one : LEVEL_NAMES[level].many} ({ivNames.join(', ')}), started {formatMonth(params.start)}. Before: {formatMonth(evaluation.periods.before.from)} to{' '}
              {formatMonth(evaluation.periods.before.to)}; after: {formatMonth(evaluation.periods.after.from)} to {formatMonth(evaluation.periods.after.to)}. Compared with{' '}
              {params.compare.kind === 'rest' ? `the rest of ${regionName(filters.region)}` : `${formatCount(evaluation.comparison.codes.length)} ${params.compare.kind === 'matched' ? 'matched ' : ''}${LEVEL_NAMES[level].many}`}.
            </p>
            {[...evaluation.notes, ...evaluation.coverageNotes].map((n) => (
              <p key={n} className="warn-text">
                {n}
              </p>
            ))}
          </section>
          <ResultPanel e={evaluation} name={params.name} publish={filters.publish} />
          <ChartPanel
            title="The counts behind the result"
            slug="evaluation-counts"
            table={countsTable(evaluation)}
            tableOnly
            emptyText={null}
            note={`Before: ${formatMonth(evaluation.beforeMonths[0]!)} to ${formatMonth(evaluation.beforeMonths.at(-1)!)}${evaluation.afterMonths.length ? `; after: ${formatMonth(evaluation.afterMonths[0]!)} to ${formatMonth(evaluation.afterMonths.at(-1)!)}` : ''}. Residents: Census 2021. After ÷ before compares monthly averages.`}
          >
            {null}
          </ChartPanel>
          <DetectablePanel e={evaluation} publish={filters.publish} />
          <IndexedChart table={indexedTable(evaluation)} start={params.start} publish={filters.publish} />
          <div className="two-up">
            <TrendPanel e={evaluation} publish={filters.publish} />
            <DisplacementPanel e={evaluation} publish={filters.publish} />
          </div>
          <section className="card caveats">
            <h2>Read with care</h2>
            <ul>
              <li>Records are not people or incidents: a change in how an agency records or shares data moves the counts as much as a change in violence.</li>
              <li>The comparison stands for what would have happened without the intervention only if the two groups would have moved together; the trend check above tests that for the before period alone.</li>
              <li>Other things that started at the same time in the same areas (another service, a police operation) are measured with it.</li>
              <li>Residents are from Census 2021 and the same in both periods, so the ratio of rate ratios is the ratio of the counts’ ratios. Method: docs/methods.md, “Evaluating an intervention”.</li>
            </ul>
          </section>
        </div>
      )}
    </>
  );
}
