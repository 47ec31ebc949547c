import { useQuery } from '@tanstack/react-query';
import { areasQuery } from '@/data/filter-queries';
import { useDbStatus } from '@/data/use-db';
import { useFilters } from '@/data/use-filters';
import { FilterBar } from '@/components/filter-bar';
import { PageHeader } from '@/components/page-header';
import { navigate, useLocation } from '@/lib/router';
import { HarmPanel } from './harm-panel';
import { HealthOnlyPanel, OverlapPanel, ReferralsPanel } from './partnership-panels';
import { harmQuery, healthOnlyQuery, overlapQuery, referralsQuery } from './partnership-queries';

function intParam(search: string, name: string, fallback: number, min: number, max: number): number {
  const v = Number(new URLSearchParams(search).get(name));
  return Number.isInteger(v) && v >= min && v <= max ? v : fallback;
}

export function PartnershipPage() {
  const { filters } = useFilters();
  const { pathname, search } = useLocation();
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const days = intParam(search, 'window', 30, 1, 365);
  const threshold = intParam(search, 'repeat', 2, 2, 20);
  const setParam = (name: string, value: number) => {
    const q = new URLSearchParams(search);
    q.set(name, String(value));
    navigate(`${pathname}?${q.toString()}`);
  };
  const overlap = useQuery(overlapQuery(db, filters));
  const health = useQuery(healthOnlyQuery(db, filters, days));
  const harm = useQuery(harmQuery(db, filters, threshold, !filters.publish));
  const referrals = useQuery(referralsQuery(db, filters));
  const areas = useQuery(areasQuery(db));
  const wardName = (code: string) => areas.data?.find((a) => a.code === code)?.name ?? code;
  const error = [overlap, health, harm, referrals].find((q) => q.error)?.error;
  return (
    <>
      <PageHeader title="Partnership" lede="Seen by whom: what each agency alone would miss, violence only health services see, and children whose repeated incidents add up." />
      <FilterBar />
      {error && <p role="alert">Could not compute the figures: {error.message}</p>}
      {overlap.data && <OverlapPanel combos={overlap.data.combos} unlinkable={overlap.data.unlinkable} publish={filters.publish} />}
      {health.data && <HealthOnlyPanel byMonth={health.data.byMonth} byWard={health.data.byWard} days={days} onDays={(d) => setParam('window', d)} wardName={wardName} publish={filters.publish} />}
      {harm.data && <HarmPanel crossings={harm.data.crossings} children={harm.data.children} threshold={threshold} onThreshold={(n) => setParam('repeat', n)} publish={filters.publish} />}
      {referrals.data && <ReferralsPanel byMonth={referrals.data.byMonth} byWard={referrals.data.byWard} wardName={wardName} publish={filters.publish} />}
      {!error && [overlap, health, harm, referrals].some((q) => q.isFetching) && (
        <p role="status" className="updating">
          Linking records across agencies…
        </p>
      )}
    </>
  );
}
