import { formatRatio } from '@/lib/format';
import type { ShapedCell } from '@/lib/aggregate-table';

export interface ForestRow {
  label: string;
  rri: ShapedCell;
  lower: ShapedCell;
  upper: ShapedCell;
}

/** RRIs with their 95% intervals on a log scale, a line at 1 (the White rate). */
export function ForestPlot({ rows }: { rows: readonly ForestRow[] }) {
  const shown = rows.filter((r) => r.rri.value !== null && r.lower.value !== null && r.upper.value !== null);
  const lo = Math.min(0.25, ...shown.map((r) => r.lower.value!));
  const hi = Math.max(4, ...shown.map((r) => r.upper.value!));
  const width = 640;
  const left = 90;
  const right = 150;
  const rowH = 34;
  const top = 10;
  const plotW = width - left - right;
  const x = (v: number) => left + ((Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * plotW;
  const ticks = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32].filter((t) => t >= lo && t <= hi);
  const height = top + rows.length * rowH + 36;
  return (
    <svg width="100%" viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: width }} role="img" aria-label="Relative rate index of each group against the White group, with 95% confidence intervals; use Show table for the numbers">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={top + rows.length * rowH} stroke={t === 1 ? '#1c2430' : '#e5e7eb'} strokeWidth={t === 1 ? 1.5 : 1} />
          <text x={x(t)} y={top + rows.length * rowH + 16} fontSize={11} textAnchor="middle" fill="#374151">
            {t}
          </text>
        </g>
      ))}
      <text x={x(1)} y={height - 4} fontSize={11} textAnchor="middle" fill="#374151">
        RRI (log scale; 1 = the White rate)
      </text>
      {rows.map((r, i) => {
        const y = top + i * rowH + rowH / 2;
        const ok = r.rri.value !== null && r.lower.value !== null && r.upper.value !== null;
        const beyond = ok && (r.lower.value! > 1 || r.upper.value! < 1);
        const colour = beyond ? (r.rri.value! > 1 ? '#D55E00' : '#0072B2') : '#4b5563';
        return (
          <g key={r.label}>
            <text x={left - 10} y={y + 4} fontSize={13} textAnchor="end" fill="#1c2430">
              {r.label}
            </text>
            {ok ? (
              <>
                <line x1={x(r.lower.value!)} x2={x(r.upper.value!)} y1={y} y2={y} stroke={colour} strokeWidth={2} />
                <line x1={x(r.lower.value!)} x2={x(r.lower.value!)} y1={y - 6} y2={y + 6} stroke={colour} strokeWidth={2} />
                <line x1={x(r.upper.value!)} x2={x(r.upper.value!)} y1={y - 6} y2={y + 6} stroke={colour} strokeWidth={2} />
                <rect x={x(r.rri.value!) - 5} y={y - 5} width={10} height={10} fill={colour} />
                <text x={width - right + 10} y={y + 4} fontSize={12} fill="#1c2430">
                  {formatRatio(r.rri.value!)} ({formatRatio(r.lower.value!)}–{formatRatio(r.upper.value!)})
                </text>
              </>
            ) : (
              <text x={left + 4} y={y + 4} fontSize={12} fill="#6b7280">
                {r.rri.hidden ? 'suppressed in publishing mode' : 'no rate: no population or no White records'}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
