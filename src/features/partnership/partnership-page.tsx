import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { areasQuery } from '@/data/filter-queries';
import { useDbStatus } from '@/data/use-db';
import { useFilters } from '@/data/use-filters';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { navigate, useLocation } from '@/lib/router';
import { useHeldOffScreen, useOnScreen } from '@/lib/use-on-screen';
import { HarmPanel } from './harm-panel';
import { HealthOnlyPanel, OverlapPanel, ReferralsPanel } from './partnership-panels';
import { harmQuery, healthOnlyQuery, overlapQuery, referralsQuery, repeatChildrenQuery } from './partnership-queries';

function intParam(search: string, name: string, fallback: number, min: number, max: number): number {
  const v = Number(new URLSearchParams(search).get(name));
  return Number.isInteger(v) && v >= min && v <= max ? v : fallback;
}

/** Sets one of the view's own URL settings, keeping the rest of the address as it is when called. */
function setParam(name: string, value: number): void {
  const q = new URLSearchParams(window.location.search);
  q.set(name, String(value));
  navigate(`${window.location.pathname}?${q.toString()}`);
}

/** An area's name by its code (the code itself when unknown). */
function nameLookup(areas: readonly { code: string; name: string }[] | undefined): (code: string) => string {
  const names = new Map(areas?.map((a) => [a.code, a.name]) ?? []);
  return (code) => names.get(code) ?? code;
}

export function PartnershipPage() {
  const { filters, filtersKey } = useFilters();
  const { search } = useLocation();
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const days = intParam(search, 'window', 30, 1, 365);
  const threshold = intParam(search, 'repeat', 2, 2, 20);
  const onDays = useCallback((d: number) => setParam('window', d), []);
  const onThreshold = useCallback((n: number) => setParam('repeat', n), []);
  // panels below the fold catch up with a filter change when scrolled into view
  const [overlapRef, overlapOn] = useOnScreen<HTMLDivElement>();
  const [healthRef, healthOn] = useOnScreen<HTMLDivElement>();
  const [harmRef, harmOn] = useOnScreen<HTMLDivElement>();
  const [referralsRef, referralsOn] = useOnScreen<HTMLDivElement>();
  const harmFilters = useHeldOffScreen(filters, harmOn, filtersKey);
  const overlap = useQuery(overlapQuery(db, useHeldOffScreen(filters, overlapOn, filtersKey)));
  const health = useQuery(healthOnlyQuery(db, useHeldOffScreen(filters, healthOn, filtersKey), days));
  const harm = useQuery(harmQuery(db, harmFilters, threshold));
  const [listWanted, setListWanted] = useState(false);
  const children = useQuery(repeatChildrenQuery(db, harmFilters, threshold, listWanted));
  const showList = useCallback(() => setListWanted(true), [setListWanted]);
  const referrals = useQuery(referralsQuery(db, useHeldOffScreen(filters, referralsOn, filtersKey)));
  const areas = useQuery(areasQuery(db, filters.region));
  const wardName = useMemo(() => nameLookup(areas.data), [areas.data]);
  const error = [overlap, health, harm, referrals].find((q) => q.error)?.error;
  return (
    <>
      <PageHeader title="Partnership" lede="Seen by whom: what each agency alone would miss, violence only health services see, and children whose repeated incidents add up." />
      <FilterBar />
      {error && <p role="alert">Could not compute the figures: {error.message}</p>}
      <div ref={overlapRef}>{overlap.data && <OverlapPanel combos={overlap.data.combos} unlinkable={overlap.data.unlinkable} publish={filters.publish} />}</div>
      <div ref={healthRef}>
        {health.data && <HealthOnlyPanel byMonth={health.data.byMonth} byWard={health.data.byWard} days={days} onDays={onDays} wardName={wardName} publish={filters.publish} />}
      </div>
      <div ref={harmRef}>
        {harm.data && (
          <HarmPanel crossings={harm.data} threshold={threshold} onThreshold={onThreshold} publish={filters.publish} list={listWanted ? (children.data ?? null) : undefined} listError={children.error?.message ?? null} onShowList={showList} />
        )}
      </div>
      <div ref={referralsRef}>{referrals.data && <ReferralsPanel byMonth={referrals.data.byMonth} byWard={referrals.data.byWard} wardName={wardName} publish={filters.publish} />}</div>
      {!error && [overlap, health, harm, referrals].some((q) => q.isFetching) && (
        <p role="status" className="updating">
          Linking records across agencies…
        </p>
      )}
    </>
  );
}
