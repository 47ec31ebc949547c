import { useId, memo } from 'react';
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import { ChartPanel } from '@/components/chart-panel';
import { Legend, tableTooltip } from '@/components/legend';
import { chartRows, shapeTable, type AggTable } from '@/lib/aggregate-table';
import { formatCount, formatMonth, formatShare } from '@/lib/format';
import { displayCount } from '@/lib/suppression';
import type { ComboRow, CrossingRow, HealthOnlyRow, ReferralRow, UnlinkableRow } from './partnership-queries';
import { UpsetChart } from './upset-chart';
import { monthTickInterval } from '@/lib/months';

const comboLabel = (c: string) => c.split('+').map((s) => SOURCE_LABELS[s as SourceId] ?? s).join(' + ');

export function overlapTable(combos: readonly ComboRow[]): AggTable {
  return {
    columns: [
      { key: 'combination', label: 'Recorded by', kind: 'label' },
      { key: 'sources', label: 'Agencies', kind: 'label' },
      { key: 'children', label: 'Children', kind: 'count' },
    ],
    rows: combos.map((c) => ({ combination: comboLabel(c.combination), code: c.combination, sources: String(c.sources), children: c.children })),
    totals: { rows: false, columns: true },
  };
}

function OverlapPanelView({ combos, unlinkable, publish }: { combos: readonly ComboRow[]; unlinkable: readonly UnlinkableRow[]; publish: boolean }) {
  const table = overlapTable(combos);
  const shaped = shapeTable(table, publish);
  const total = combos.reduce((a, c) => a + c.children, 0);
  const multi = combos.filter((c) => c.sources > 1).reduce((a, c) => a + c.children, 0);
  return (
    <ChartPanel
      title="Seen by whom: children by the agencies that recorded them"
      slug="overlap"
      table={table}
      description={
        <>
          <strong data-testid="overlap-summary">
            {displayCount(total, publish, formatCount)} children with a person reference; {displayCount(multi, publish, formatCount)} known to more than one agency.
          </strong>{' '}
          Records with no person reference cannot be linked and are not in the chart:{' '}
          {unlinkable.length === 0 ? 'none.' : unlinkable.map((u) => `${SOURCE_LABELS[u.source as SourceId] ?? u.source} ${displayCount(u.records, publish, formatCount)}`).join(', ') + '.'} Most ambulance records carry no person reference.
        </>
      }
    >
      <div className="heatmap-scroll">
        <UpsetChart combos={combos.map((c, i) => ({ combination: c.combination, cell: shaped[i]![2]! }))} />
      </div>
    </ChartPanel>
  );
}

export function healthOnlyTable(rows: readonly HealthOnlyRow[], keyLabel: string, name: (k: string) => string): AggTable {
  return {
    columns: [
      { key: 'key', label: keyLabel, kind: 'label' },
      { key: 'linkable', label: 'Health events with a person reference', kind: 'count' },
      { key: 'health_only', label: 'Of which no police record', kind: 'count' },
      { key: 'share', label: 'Known only to health', kind: 'value', basedOn: ['linkable', 'health_only'], format: formatShare },
      { key: 'unlinkable', label: 'Health events that cannot be linked', kind: 'count' },
    ],
    rows: rows.map((r) => ({ key: name(r.key), linkable: r.linkable, health_only: r.health_only, share: r.linkable > 0 ? r.health_only / r.linkable : null, unlinkable: r.unlinkable })),
  };
}

function HealthOnlyPanelView({ byMonth, byWard, days, onDays, wardName, publish }: { byMonth: readonly HealthOnlyRow[]; byWard: readonly HealthOnlyRow[]; days: number; onDays: (d: number) => void; wardName: (c: string) => string; publish: boolean }) {
  const id = useId();
  const monthly = healthOnlyTable(byMonth, 'Month', formatMonth);
  const data = chartRows(monthly, publish);
  const linkable = byMonth.reduce((a, r) => a + r.linkable, 0);
  const only = byMonth.reduce((a, r) => a + r.health_only, 0);
  const unlinkable = byMonth.reduce((a, r) => a + r.unlinkable, 0);
  const wards = healthOnlyTable([...byWard].sort((a, b) => b.health_only - a.health_only), 'Ward', (k) => (k === 'Unknown' ? 'Place not known' : wardName(k)));
  const legend = [
    { label: 'Known only to health (share)', color: '#D55E00' },
    { label: 'Health events that cannot be linked', color: '#9ca3af' },
  ];
  return (
    <>
      <ChartPanel
        title="Violence known only to health services"
        slug="health-only-by-month"
        table={monthly}
        legend={legend}
        description={
          <>
            <label htmlFor={id}>Window either side of the health event: </label>
            <select id={id} value={days} onChange={(e) => onDays(Number(e.target.value))}>
              {[7, 14, 30, 60, 90, 180, 365].map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>{' '}
            <span data-testid="health-only-summary">
              Of {displayCount(linkable, publish, formatCount)} ED and ambulance events with a person reference, <strong>{displayCount(only, publish, formatCount)}</strong>
              {linkable > 0 && !(publish && (only < 5 || linkable < 5)) ? ` (${formatShare(only / linkable)})` : ''} involve a child with no police record within {days} days. A further{' '}
              {displayCount(unlinkable, publish, formatCount)} cannot be checked: they have no person reference.
            </span>
          </>
        }
      >
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e5e7eb" vertical={false} />
            <XAxis dataKey="key" interval={monthTickInterval(data.length, 10)} tick={{ fontSize: 12 }} />
            <YAxis yAxisId="share" tickFormatter={formatShare} tick={{ fontSize: 12 }} width={56} domain={[0, 1]} />
            <YAxis yAxisId="n" orientation="right" tickFormatter={formatCount} tick={{ fontSize: 12 }} width={56} />
            <Tooltip formatter={tableTooltip(formatShare)} />
            <Bar yAxisId="n" dataKey="unlinkable" name="Cannot be linked" fill="#d1d5db" isAnimationActive={false} />
            <Line yAxisId="share" dataKey="share" name="Known only to health" stroke="#D55E00" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
        <Legend items={legend} />
      </ChartPanel>
      <ChartPanel title="Known only to health services, by ward" slug="health-only-by-ward" table={wards} tableOnly description="Wards with the most health events involving a child the police have no record of within the window.">
        {null}
      </ChartPanel>
    </>
  );
}

export function crossingsTable(rows: readonly CrossingRow[]): AggTable {
  return {
    columns: [
      { key: 'month', label: 'Month', kind: 'label' },
      { key: 'children', label: 'Children crossing the line', kind: 'count' },
    ],
    rows: rows.map((r) => ({ month: formatMonth(r.month), children: r.children })),
    totals: { rows: false, columns: true },
  };
}

export function referralsTable(rows: readonly ReferralRow[], keyLabel: string, name: (k: string) => string): AggTable {
  return {
    columns: [
      { key: 'key', label: keyLabel, kind: 'label' },
      { key: 'victims', label: 'Police child victims', kind: 'total' },
      { key: 'submitted', label: 'PPN submitted', kind: 'count' },
      { key: 'missed', label: 'No PPN', kind: 'count' },
      { key: 'unknown', label: 'Not recorded', kind: 'count' },
      { key: 'share', label: 'Share with no PPN', kind: 'value', basedOn: ['missed', 'victims'], format: formatShare },
    ],
    rows: rows.map((r) => ({ key: name(r.key), victims: r.victims, submitted: r.submitted, missed: r.missed, unknown: r.unknown, share: r.victims > 0 ? r.missed / r.victims : null })),
    totals: { rows: true, columns: true },
  };
}

function ReferralsPanelView({ byMonth, byWard, wardName, publish }: { byMonth: readonly ReferralRow[]; byWard: readonly ReferralRow[]; wardName: (c: string) => string; publish: boolean }) {
  const monthly = referralsTable(byMonth, 'Month', formatMonth);
  const data = chartRows(monthly, publish);
  return (
    <div className="two-up">
      <ChartPanel title="Missed referrals: police child victims with no PPN" slug="missed-referrals" table={monthly} description="Victims under 18 in police records for whom no Public Protection Notice (referral to children's social care) was submitted.">
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e5e7eb" vertical={false} />
            <XAxis dataKey="key" interval={monthTickInterval(data.length, 6)} tick={{ fontSize: 12 }} />
            <YAxis tickFormatter={formatCount} tick={{ fontSize: 12 }} width={48} />
            <Tooltip formatter={tableTooltip(formatCount)} />
            <Bar dataKey="missed" name="No PPN" fill="#D55E00" isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartPanel>
      <ChartPanel
        title="Missed referrals by ward"
        slug="missed-referrals-by-ward"
        tableOnly
        description="Wards with the most police child victims for whom no PPN was submitted come first (the No PPN column)."
        table={referralsTable([...byWard].sort((a, b) => b.missed - a.missed), 'Ward', (k) => (k === 'Unknown' ? 'Place not known' : wardName(k)))}>
        {null}
      </ChartPanel>
    </div>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const OverlapPanel = memo(OverlapPanelView);
export const HealthOnlyPanel = memo(HealthOnlyPanelView);
export const ReferralsPanel = memo(ReferralsPanelView);
