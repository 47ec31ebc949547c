import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useMemo, useState } from 'react';
import { dataSpanQuery, monthlyCountsQuery } from '@/data/aggregate-queries';
import { useDemoPresence } from '@/data/demo-data';
import { exportPreamble } from '@/data/export-records';
import { useDbStatus } from '@/data/use-db';
import { useFilters } from '@/data/use-filters';
import { REGION_BOUNDS } from '@/components/area-map-base';
import { regionName } from '@/data/region';
import { RESIDENTS_LABEL, type Residents } from '@/data/residents';
import { ResidentsPicker } from '@/components/residents-picker';
import { ChartPanel } from '@/components/chart-panel';
import { FunnelPanel, funnelOf } from './funnel-panel';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { downloadFile } from '@/lib/download';
import { formatCount, formatRate } from '@/lib/format';
import { chartToPng } from '@/lib/png-export';
import { queenNeighbours } from '@/lib/hotspots';
import { useSettled } from '@/lib/use-settled';
import { useHeldOffScreen, useOnScreen } from '@/lib/use-on-screen';
import { displayCount, displayDerived } from '@/lib/suppression';
import { AreaMap } from './area-map';
import { AreaProfile } from './area-profile';
import { basemapToShow, checkTiles, pagePolicy, savedBasemap, type Basemap } from './basemap';
import { BasemapSettings } from './basemap-settings';
import { choropleth, hotspots, HOTSPOT_COLOURS, HOTSPOT_LABELS, rankingTable, rateOf, withWindows, type Classing, type Measure } from './area-figures';
import { bbox, labelPoint, toCollection, type FeatureCollection } from './map-shapes';
import { areaCountsQuery, areaGeometryQuery, areaWindowQuery, boundariesQuery, pointsQuery, profileQuery } from './places-queries';
import { LEVEL_LABELS, LEVEL_PLURALS, LEVELS, levelToSearch, parseLevel, type Level } from './places-sql';
import { navigate, useLocation } from '@/lib/router';

const NO_FEATURES: FeatureCollection = { type: 'FeatureCollection', features: [] };

const LEVEL_OF_PREFIX: Record<string, Level> = { E01: 'lsoa', E02: 'msoa', E05: 'ward' };

export function PlacesPage() {
  const { filters, filtersKey, updateFilters } = useFilters();
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const ids = { level: useId(), classes: useId(), points: useId() };
  const [classing, setClassing] = useState<Classing>('quantile');
  const [pngProblem, setPngProblem] = useState<string | null>(null);
  const demo = useDemoPresence();
  // the level is in the URL, so a copied link shows the same areas
  const { pathname, search } = useLocation();
  const { level, problem: levelProblem } = useMemo(() => parseLevel(search), [search]);
  const setLevel = (next: Level) => navigate(pathname + levelToSearch(next, search));
  const [measure, setMeasure] = useState<Measure>('rate');
  // whose rate: residents of all ages, or of 0–15 or 16–24 (and the records of people those ages)
  const [residents, setResidents] = useState<Residents>('all');
  const ages = RESIDENTS_LABEL[residents];
  const perResidents = residents === 'all' ? 'per 1,000 residents' : `per 1,000 residents ${ages}`;
  const [mode, setMode] = useState<'choropleth' | 'hotspots'>('choropleth');
  const [showPoints, setShowPoints] = useState(false);
  const [basemap, setBasemap] = useState<Basemap | null>(savedBasemap);
  const [tileProblem, setTileProblem] = useState<string | null>(null);
  const shownBasemap = useMemo(() => basemapToShow(basemap, pagePolicy(document)), [basemap]);
  const onBasemapError = useCallback((message: string) => setTileProblem((was) => was ?? message), []);
  const tileCheck = useQuery({
    queryKey: ['basemap-check', shownBasemap?.template ?? null],
    queryFn: () => (shownBasemap ? checkTiles(shownBasemap.template) : null),
    enabled: shownBasemap !== null,
    staleTime: Infinity,
    retry: false,
  });
  const changeBasemap = useCallback((next: Basemap | null) => {
    setTileProblem(null);
    setBasemap(next);
  }, []);
  const span = useQuery(dataSpanQuery(db));
  const latest = span.data?.latestComplete ?? null;
  /** the last month of the 12-month windows: the filters' last month, if before the latest complete one */
  const windowEndOf = (to: string | null) => (to && latest && to < latest ? to : latest);
  const windowEnd = windowEndOf(filters.to);
  const boundariesNow = useQuery(boundariesQuery(db, level, filters.region));
  // the outlines drawn over the areas, with their names: wards in Leeds, districts across West Yorkshire
  const outlineLevel = filters.region === 'wy' ? 'district' : 'ward';
  const wards = useQuery(boundariesQuery(db, outlineLevel, filters.region));
  const statsNow = useQuery(areaCountsQuery(db, filters, level, residents));
  // the shapes, their figures and the level they are for change together: while a new level's
  // figures are computed, the previous level stays on screen whole
  const shown = useSettled(
    useMemo(() => ({ level, boundaries: boundariesNow.data, stats: statsNow.data }), [level, boundariesNow.data, statsNow.data]),
    !boundariesNow.isPlaceholderData && !statsNow.isPlaceholderData,
  );
  const shownLevel = shown.level;
  const boundaries = { data: shown.boundaries, error: boundariesNow.error };
  const stats = { data: shown.stats, error: statsNow.error };
  const pointsOn = showPoints && !filters.publish;
  const points = useQuery({ ...pointsQuery(db, filters), enabled: db !== undefined && pointsOn });
  const selected = useQuery(areaGeometryQuery(db, filters.area));
  const profile = useQuery({ ...profileQuery(db, filters), enabled: db !== undefined && filters.area !== null });
  const monthly = useQuery({ ...monthlyCountsQuery(db, filters, null), enabled: db !== undefined && filters.area !== null });
  const selectedLevel = filters.area ? LEVEL_OF_PREFIX[filters.area.slice(0, 3)] : undefined;
  const peers = useQuery({ ...areaCountsQuery(db, filters, selectedLevel ?? level, residents), enabled: db !== undefined && selectedLevel !== undefined });

  const neighbours = useMemo(() => (boundaries.data ? queenNeighbours(boundaries.data) : null), [boundaries.data]);
  const spots = useMemo(() => (stats.data && neighbours && mode === 'hotspots' ? hotspots(stats.data, neighbours) : null), [stats.data, neighbours, mode]);
  // memoised so the map's data is only replaced when the figures or the colouring change
  const classes = useMemo(
    () => (stats.data ? choropleth(stats.data, measure, filters.publish, measure === 'rate' ? formatRate : formatCount, classing) : null),
    [stats.data, measure, filters.publish, classing],
  );
  const byCode = useMemo(() => new Map(stats.data?.map((a) => [a.code, a]) ?? []), [stats.data]);
  // the ranking below the map catches up with a filter change when scrolled into view
  // (its 12-month windows are a query of their own, so the map does not wait for them)
  const [rankingRef, rankingOn] = useOnScreen<HTMLDivElement>();
  const rankingFilters = useHeldOffScreen(filters, rankingOn, filtersKey);
  const windows = useQuery(areaWindowQuery(db, rankingFilters, shownLevel, windowEndOf(rankingFilters.to), residents));
  const rankingNow = useMemo(
    () => (stats.data && windows.data ? { level: shownLevel, table: rankingTable(withWindows(stats.data, windows.data), LEVEL_LABELS[shownLevel], spots, ages) } : null),
    [stats.data, windows.data, shownLevel, spots, ages],
  );
  // the funnel plot, below the ranking, catches up with a filter change when scrolled into view: its
  // limits and a dot per area were drawn again on every change, seen or not
  const [funnelRef, funnelOn] = useOnScreen<HTMLDivElement>();
  const funnelNow = useMemo(
    () => (stats.data ? { level: shownLevel, funnel: funnelOf(stats.data, LEVEL_LABELS[shownLevel], filters.publish, regionName(filters.region), ages) } : null),
    [stats.data, shownLevel, filters.publish, filters.region, ages],
  );
  const funnel = useHeldOffScreen(funnelNow, funnelOn, filtersKey);
  // while the windows for new filters are computed, the ranking keeps its previous figures whole
  const ranking = useHeldOffScreen(useSettled(rankingNow, !windows.isPlaceholderData), rankingOn, filtersKey);
  // the same element while the ranking is unchanged, so React skips redrawing its table
  const rankingPanel = useMemo(
    () =>
      ranking && (
        <ChartPanel title={`Ranking of ${LEVEL_PLURALS[ranking.level]}`} slug={`ranking-${ranking.level}`} table={ranking.table} tableOnly sortable description="Sorted by rate; click a column heading to sort by it. Change compares the 12 months to the latest complete month with the 12 before. Known only to health: ED and ambulance events whose child has no police record within 30 days.">
          {null}
        </ChartPanel>
      ),
    [ranking],
  );

  const areas: FeatureCollection = useMemo(() => (boundaries.data ? toCollection(boundaries.data, () => ({})) : NO_FEATURES), [boundaries.data]);
  const fills = useMemo(
    () => new Map((boundaries.data ?? []).map((b) => [b.code, spots ? HOTSPOT_COLOURS[spots.get(b.code)?.cls ?? 'none'] : (classes?.fill.get(b.code) ?? '#ffffff')])),
    [boundaries.data, spots, classes],
  );
  const wardLines = useMemo(() => (wards.data ? toCollection(wards.data, () => ({})) : ({ type: 'FeatureCollection', features: [] } as FeatureCollection)), [wards.data]);
  const labels = useMemo(() => wards.data?.map(labelPoint) ?? [], [wards.data]);
  const pointFeatures: FeatureCollection | null = useMemo(
    () => (pointsOn && points.data ? { type: 'FeatureCollection', features: points.data.map((p) => ({ type: 'Feature', properties: { source: p.source }, geometry: { type: 'Point', coordinates: [p.lon, p.lat] } })) } : null),
    [pointsOn, points.data],
  );
  const focus = useMemo(() => (selected.data ? bbox(selected.data.geometry) : null), [selected.data]);

  const publish = filters.publish;
  const describe = useCallback(
    (code: string) => {
      const a = byCode.get(code);
      if (!a) return code;
      const rate = displayDerived(rateOf(a), [a.n], publish, formatRate);
      const spot = spots ? ` · ${HOTSPOT_LABELS[spots.get(code)?.cls ?? 'none']} (z = ${spots.get(code)?.z?.toFixed(2) ?? '—'})` : '';
      return `${a.name} (${code}): ${displayCount(a.n, publish, formatCount)} records, ${rate} ${perResidents}${spot}`;
    },
    [byCode, spots, publish, perResidents],
  );
  const onSelect = useCallback((code: string) => updateFilters((f) => ({ ...f, area: code })), [updateFilters]);
  const error = [boundaries, stats, span, windows].find((q) => q.error)?.error;
  const savePng = async () => {
    const el = document.querySelector('.map');
    if (!(el instanceof HTMLElement)) return;
    setPngProblem(null);
    try {
      const madeAt = new Date();
      const title = `Map of ${LEVEL_PLURALS[shownLevel]}: ${mode === 'hotspots' ? 'Gi* hot spots' : measure === 'rate' ? `rate ${perResidents}` : 'records'}`;
      const header = exportPreamble(filters, madeAt, demo.loaded, title).map((l) => l.replace(/^# /, ''));
      if (shownBasemap) header.push(`Basemap: ${shownBasemap.attribution}`);
      downloadFile(`map-${shownLevel}-${madeAt.toISOString().slice(0, 10)}.png`, await chartToPng(el, header, legend), 'image/png');
    } catch (e) {
      setPngProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const legend = spots ? (Object.keys(HOTSPOT_COLOURS) as (keyof typeof HOTSPOT_COLOURS)[]).map((k) => ({ label: HOTSPOT_LABELS[k], color: HOTSPOT_COLOURS[k] })) : (classes?.legend ?? []);

  return (
    <>
      <PageHeader title="Places" lede="Where violence happens: rates by area, hot spots that are statistically real, and a ranking for targeting." />
      <FilterBar />
      {levelProblem && (
        <p className="warn-box" role="note">
          {levelProblem}
        </p>
      )}
      {error && <p role="alert">Could not draw the map: {error.message}</p>}
      <section className="card" aria-label="Map">
        <div className="map-controls">
          <span>
            <label htmlFor={ids.level}>Areas </label>
            <select id={ids.level} value={level} onChange={(e) => setLevel(e.target.value as Level)}>
              {LEVELS.filter((l) => l !== 'district' || filters.region === 'wy' || level === 'district').map((l) => (
                <option key={l} value={l}>
                  {LEVEL_PLURALS[l][0]!.toUpperCase() + LEVEL_PLURALS[l].slice(1)}
                </option>
              ))}
            </select>
          </span>
          <span className="segmented" role="group" aria-label="What the colours show">
            <button type="button" aria-pressed={mode === 'choropleth' && measure === 'rate'} onClick={() => (setMode('choropleth'), setMeasure('rate'))}>
              Rate per 1,000
            </button>
            <button type="button" aria-pressed={mode === 'choropleth' && measure === 'count'} onClick={() => (setMode('choropleth'), setMeasure('count'))}>
              Count
            </button>
            <button type="button" aria-pressed={mode === 'hotspots'} onClick={() => setMode('hotspots')}>
              Hot spots (Gi*)
            </button>
          </span>
          <ResidentsPicker label="Residents" value={residents} onChange={setResidents} />
          {mode === 'choropleth' && (
            <span>
              <label htmlFor={ids.classes}>Classes </label>
              <select id={ids.classes} value={classing} onChange={(e) => setClassing(e.target.value as Classing)}>
                <option value="quantile">Quintiles (equal numbers of areas)</option>
                <option value="equal">Equal intervals</option>
              </select>
            </span>
          )}
          <span>
            <input id={ids.points} type="checkbox" checked={pointsOn} disabled={filters.publish} onChange={(e) => setShowPoints(e.target.checked)} />
            <label htmlFor={ids.points}> Records as points when zoomed in{filters.publish ? ' (off in publishing mode)' : ''}</label>
          </span>
          <button type="button" onClick={() => void savePng()}>
            PNG of the map
          </button>
        </div>
        <p className="muted small" data-testid="map-note">
          {mode === 'hotspots'
            ? 'Getis–Ord Gi* on rates per 1,000: an area is a hot (or cold) spot when it and its neighbours (areas sharing a boundary point) together have a much higher (or lower) rate than the map as a whole would give by chance, at 90, 95 or 99% confidence. A single high area among ordinary neighbours is not a hot spot.'
            : measure === 'rate'
              ? `Records placed in each area per 1,000 residents ${ages} (Census 2021), over the filtered period${residents === 'all' ? '' : `, counting only records of people ${ages} (records with no age are left out)`}. Records placed outside ${regionName(filters.region)} or with no place are not mapped.`
              : 'Records placed in each area over the filtered period.'}{' '}
          Click an area to select it: every view then filters to it.
        </p>
        <AreaMap areas={areas} fills={fills} wards={shownLevel === outlineLevel ? NO_FEATURES : wardLines} labels={labels} points={pointFeatures} selected={filters.area} focus={focus} home={REGION_BOUNDS[filters.region]} onSelect={onSelect} describe={describe} basemap={shownBasemap} onBasemapError={onBasemapError} />
        {pngProblem && <p role="alert">{pngProblem}</p>}
        <ul className="map-legend" aria-label="Map legend">
          {legend.map((l) => (
            <li key={l.label}>
              <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
              {l.label}
            </li>
          ))}
        </ul>
        <BasemapSettings saved={basemap} shown={shownBasemap !== null} tileProblem={tileProblem ?? tileCheck.data ?? null} onChange={changeBasemap} />
      </section>
      {filters.area && selected.data && selectedLevel && (
        <AreaProfile
          name={selected.data.name}
          levelLabel={LEVEL_LABELS[selectedLevel]}
          levelPlural={LEVEL_PLURALS[selectedLevel]}
          whole={regionName(filters.region)}
          stats={peers.data?.find((p) => p.code === filters.area) ?? null}
          peers={peers.data ?? []}
          profile={profile.data ?? []}
          monthly={monthly.data ?? []}
          lastMonth={windowEnd}
          publish={filters.publish}
        />
      )}
      <div ref={rankingRef}>
        {rankingPanel}
      </div>
      <div ref={funnelRef}>{funnel?.funnel && <FunnelPanel funnel={funnel.funnel} levelPlural={LEVEL_PLURALS[funnel.level]} publish={filters.publish} />}</div>
    </>
  );
}
