import { formatChange, formatCount, formatRatio } from '@/lib/format';
import type { Computed, RateRatioResult } from '@/lib/rate-ratio';
import { displayCount, isSmall } from '@/lib/suppression';
import { annualRate, describeChange, describeTrend, type Evaluation, type Group } from './evaluation';

const HIDDEN = 'Not shown in publishing mode: a count it rests on is under 5.';

function hides(publish: boolean, counts: readonly number[]): boolean {
  return publish && counts.some(isSmall);
}

function rateText(g: Group, which: 'before' | 'after', months: number): string {
  const r = annualRate(g[which], g.population, months);
  return r === null ? '—' : r.toFixed(1);
}

/** "from 1,234 to 987 records (12.3 → 9.8 per 1,000 residents a year)" */
function fromTo(e: Evaluation, g: Group, publish: boolean): string {
  const counts = `from ${displayCount(g.before, publish, formatCount)} to ${displayCount(g.after, publish, formatCount)} records`;
  if (hides(publish, [g.before, g.after])) return counts;
  return `${counts} (${rateText(g, 'before', e.beforeMonths.length)} → ${rateText(g, 'after', e.afterMonths.length)} per 1,000 residents a year)`;
}

function RatioLine({ r, counts, publish }: { r: Computed<RateRatioResult>; counts: readonly number[]; publish: boolean }) {
  if (!r.ok) return <p className="warn-box">{r.reason}</p>;
  if (hides(publish, counts)) return <p className="muted">{HIDDEN}</p>;
  return (
    <p>
      Ratio of rate ratios <strong data-testid="rrr">{formatRatio(r.value.rrr)}</strong> (95% CI {formatRatio(r.value.lower)} to {formatRatio(r.value.upper)}): a change of {formatChange(r.value.rrr - 1)} (95% CI{' '}
      {formatChange(r.value.lower - 1)} to {formatChange(r.value.upper - 1)}).
    </p>
  );
}

export function ResultPanel({ e, name, publish }: { e: Evaluation; name: string; publish: boolean }) {
  const four = [e.intervention.before, e.intervention.after, e.comparison.before, e.comparison.after];
  const who = name || 'The intervention';
  return (
    <section className="card result-card" aria-labelledby="evaluate-result-h">
      <h2 id="evaluate-result-h">Did it change?</h2>
      {e.result === null ? (
        <p className="verdict">The after period has no complete month of data yet, so there is no result; the detectable change below says what the counts could show.</p>
      ) : e.result.ok && !hides(publish, four) ? (
        <p className="verdict" data-testid="verdict">
          <strong>
            {who}: {describeChange(e.result.value)}.
          </strong>
        </p>
      ) : (
        <p className="verdict" data-testid="verdict">
          <strong>{e.result.ok ? HIDDEN : 'No result.'}</strong>
        </p>
      )}
      {e.result !== null && (
        <>
          {!(e.result.ok && hides(publish, four)) && <RatioLine r={e.result} counts={four} publish={publish} />}
          <p>
            In the intervention areas, {fromTo(e, e.intervention, publish)}; in the comparison areas, {fromTo(e, e.comparison, publish)}.
          </p>
        </>
      )}
    </section>
  );
}

export function DetectablePanel({ e, publish }: { e: Evaluation; publish: boolean }) {
  const d = e.detectable;
  return (
    <section className="card" aria-labelledby="evaluate-mde-h">
      <h2 id="evaluate-mde-h">Could a change have been detected?</h2>
      {!d.ok ? (
        <p className="warn-box">{d.reason}</p>
      ) : hides(publish, [e.intervention.before, e.comparison.before]) ? (
        <p className="muted">{HIDDEN}</p>
      ) : (
        <>
          <p data-testid="detectable">
            With {formatCount(e.intervention.before)} records in the intervention areas and {formatCount(e.comparison.before)} in the comparison areas before the start, a full after period could detect a fall of{' '}
            <strong>{Math.round(d.value.fall * 100)}%</strong> or a rise of <strong>{Math.round(d.value.rise * 100)}%</strong> beyond the comparison areas’ change (95% confidence, 80% power).
          </p>
          <p className="muted small">
            {d.value.fall > 0.3
              ? 'A smaller real change would often be missed: widen the areas, lengthen the periods or choose a broader outcome before concluding it did not work.'
              : 'A change of this size or larger would usually show; a smaller one might not.'}
          </p>
        </>
      )}
    </section>
  );
}

export function TrendPanel({ e, publish }: { e: Evaluation; publish: boolean }) {
  const t = e.trend;
  const monthly = e.beforeMonths.flatMap((m) => [e.intervention.monthly.get(m) ?? 0, e.comparison.monthly.get(m) ?? 0]);
  return (
    <section className="card" aria-labelledby="evaluate-trend-h">
      <h2 id="evaluate-trend-h">Fair comparison: were the groups moving together before?</h2>
      {!t.ok ? (
        <p className="warn-box">{t.reason}</p>
      ) : hides(publish, monthly) ? (
        <p className="muted">Not shown in publishing mode: a month before the start has a count under 5.</p>
      ) : (
        <p className={t.value.diverging ? 'warn-box' : undefined} data-testid="pre-trend">
          {describeTrend(t.value)}
        </p>
      )}
    </section>
  );
}

export function DisplacementPanel({ e, publish }: { e: Evaluation; publish: boolean }) {
  const d = e.displacement;
  const counts = [e.ring.before, e.ring.after, e.ringComparison.before, e.ringComparison.after];
  const dropped = e.comparison.codes.length - e.ringComparison.codes.length;
  return (
    <section className="card" aria-labelledby="evaluate-ring-h">
      <h2 id="evaluate-ring-h">Displacement: did violence move next door?</h2>
      <p className="muted small">
        The ring is the {formatCount(e.ring.codes.length)} area{e.ring.codes.length === 1 ? '' : 's'} touching the intervention areas, measured the same way against the comparison areas
        {dropped > 0 ? ` (leaving out the ${dropped} that are in the ring)` : ''}.
      </p>
      {d === null ? (
        <p>The after period has not begun in the data.</p>
      ) : !d.ok ? (
        <p className="warn-box">{d.reason}</p>
      ) : hides(publish, counts) ? (
        <p className="muted">{HIDDEN}</p>
      ) : (
        <p data-testid="displacement">
          In the ring, {fromTo(e, e.ring, publish)}: {describeChange(d.value)}.{' '}
          {d.value.lower > 1 ? 'Violence may have moved into the neighbouring areas.' : 'No sign that violence moved into the neighbouring areas.'}
        </p>
      )}
    </section>
  );
}
