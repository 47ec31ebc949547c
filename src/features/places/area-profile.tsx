import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MonthlyCount } from '@/data/aggregates';
import { SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import { AGE_BANDS, ETHNICITIES, SEXES } from '@/data/filters';
import { formatCount, formatMonth, formatRate, formatShare } from '@/lib/format';
import { addMonths, monthSpine, monthTickInterval } from '@/lib/months';
import { displayCount, displayDerived } from '@/lib/suppression';
import { rateOf, type AreaCounts } from './area-figures';

interface Props {
  name: string;
  levelLabel: string;
  levelPlural: string;
  /** the partnership's area, by name */
  whole: string;
  stats: AreaCounts | null;
  /** the same level's areas, for the rank */
  peers: readonly AreaCounts[];
  profile: readonly { dim: string; key: string; n: number }[];
  monthly: readonly MonthlyCount[];
  lastMonth: string | null;
  publish: boolean;
}

function Bars({ title, rows, publish }: { title: string; rows: readonly { label: string; n: number }[]; publish: boolean }) {
  const total = rows.reduce((a, r) => a + r.n, 0);
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <div>
      <h3>{title}</h3>
      <ul className="bars">
        {rows.map((r) => {
          const hidden = publish && r.n >= 1 && r.n <= 4;
          return (
            <li key={r.label}>
              <span>{r.label}</span>
              <span className="bar" style={{ width: hidden ? 0 : `${(r.n / max) * 100}%` }} aria-hidden="true" />
              <span className="num">
                {displayCount(r.n, publish, formatCount)} {total > 0 && !hidden ? `(${formatShare(r.n / total)})` : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** What the selected area's records look like, and where it stands among areas of its kind. */
function AreaProfileView({ name, levelLabel, levelPlural, whole, stats, peers, profile, monthly, lastMonth, publish }: Props) {
  const of = (dim: string, keys: readonly string[], label: (k: string) => string = (k) => k) =>
    keys.map((k) => ({ label: label(k), n: profile.find((p) => p.dim === dim && p.key === k)?.n ?? 0 })).filter((r) => r.n > 0 || dim !== 'source');
  const total = profile.find((p) => p.dim === 'all')?.n ?? 0;
  const knife = profile.find((p) => p.dim === 'knife' && p.key === 'true')?.n ?? 0;
  const ranked = [...peers].filter((p) => rateOf(p) !== null).sort((a, b) => rateOf(b)! - rateOf(a)!);
  const rank = stats ? ranked.findIndex((p) => p.code === stats.code) + 1 : 0;
  const months = lastMonth ? monthSpine(addMonths(lastMonth, -35), lastMonth) : [];
  const byMonth = new Map<string, number>();
  for (const r of monthly) byMonth.set(r.month, (byMonth.get(r.month) ?? 0) + r.n);
  const trend = months.map((m) => {
    const n = byMonth.get(m) ?? 0;
    return { month: formatMonth(m), n: publish && n >= 1 && n <= 4 ? null : n };
  });
  const hours = Array.from({ length: 24 }, (_, h) => ({ label: `${String(h).padStart(2, '0')}:00`, n: profile.find((p) => p.dim === 'hour' && p.key === String(h))?.n ?? 0 }));
  const bands = [0, 6, 12, 18].map((start) => ({ label: `${String(start).padStart(2, '0')}:00–${String(start + 5).padStart(2, '0')}:59`, n: hours.slice(start, start + 6).reduce((a, h) => a + h.n, 0) }));
  return (
    <section className="card" aria-labelledby="area-profile" data-testid="area-profile">
      <h2 id="area-profile">
        {levelLabel} profile: {name}
      </h2>
      <p>
        <strong>{displayCount(total, publish, formatCount)}</strong> records within the filters
        {stats && (
          <>
            ; {stats.population.toLocaleString('en-GB')} residents, so {displayDerived(rateOf(stats), [stats.n], publish, formatRate)} per 1,000
            {rank > 0 && !(publish && stats.n >= 1 && stats.n <= 4) ? `, ranking ${rank} of ${ranked.length} ${levelPlural} in ${whole} (1 = highest rate)` : ''}
            . IMD 2025 decile {stats.imd_decile ?? 'not known'}
            {levelLabel === 'LSOA' ? '' : ' (the median of its LSOAs)'} (1 = most deprived tenth of England).
          </>
        )}{' '}
        Knife or sharp instrument: {displayCount(knife, publish, formatCount)}
        {total > 0 ? ` (${displayDerived(knife / total, [knife, total], publish, formatShare)})` : ''}.
      </p>
      <div className="profile-grid">
        <div>
          <h3>Monthly records, last 36 months</h3>
          <ResponsiveContainer width="100%" height={150}>
            <LineChart data={trend} margin={{ top: 4, right: 28, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="month" interval={monthTickInterval(trend.length, 4)} tick={{ fontSize: 11 }} />
              <YAxis tick={{ fontSize: 11 }} width={32} allowDecimals={false} />
              <Tooltip />
              <Line dataKey="n" name="Records" stroke="#0072B2" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <Bars title="Sources" rows={of('source', Object.keys(SOURCE_LABELS), (k) => SOURCE_LABELS[k as SourceId])} publish={publish} />
        <Bars title="Sex" rows={of('sex', SEXES)} publish={publish} />
        <Bars title="Age band" rows={of('age', AGE_BANDS)} publish={publish} />
        <Bars title="Ethnicity" rows={of('ethnicity', ETHNICITIES)} publish={publish} />
        <Bars title="Time of day (known hours)" rows={bands} publish={publish} />
      </div>
    </section>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const AreaProfile = memo(AreaProfileView);
