import { SOURCE_LABELS, type SourceId } from '@/data/ingest/contracts';
import type { ShapedCell } from '@/lib/aggregate-table';
import { formatCount } from '@/lib/format';

const SETS: readonly SourceId[] = ['police', 'ambulance', 'ed', 'yjs'];

/** An UpSet-style chart: a bar per combination of sources, with the combination as dots beneath. */
export function UpsetChart({ combos }: { combos: readonly { combination: string; cell: ShapedCell }[] }) {
  const shown = combos.slice(0, 15);
  const max = Math.max(1, ...shown.map((c) => c.cell.value ?? 0));
  const left = 160;
  const colW = 44;
  const barH = 160;
  const rowH = 22;
  const top = 20;
  const width = left + shown.length * colW + 10;
  const height = top + barH + 10 + SETS.length * rowH + 10;
  return (
    <svg width={width} height={height} role="img" aria-label="Children by the combination of agencies that recorded them; use Show table for the numbers">
      {shown.map((c, i) => {
        const x = left + i * colW;
        const v = c.cell.value;
        const h = v === null ? 0 : (v / max) * barH;
        const members = c.combination.split('+');
        const ys = SETS.map((s, k) => (members.includes(s) ? top + barH + 10 + k * rowH + rowH / 2 : null)).filter((y): y is number => y !== null);
        return (
          <g key={c.combination}>
            <rect x={x + 8} y={top + barH - h} width={colW - 16} height={h} fill="#0072B2" />
            <text x={x + colW / 2} y={top + barH - h - 4} fontSize={11} textAnchor="middle" fill="#1c2430">
              {c.cell.hidden ? '<5' : formatCount(v ?? 0)}
            </text>
            {ys.length > 1 && <line x1={x + colW / 2} x2={x + colW / 2} y1={Math.min(...ys)} y2={Math.max(...ys)} stroke="#1c2430" strokeWidth={2} />}
            {SETS.map((s, k) => (
              <circle key={s} cx={x + colW / 2} cy={top + barH + 10 + k * rowH + rowH / 2} r={6} fill={members.includes(s) ? '#1c2430' : '#e5e7eb'} />
            ))}
          </g>
        );
      })}
      {SETS.map((s, k) => (
        <text key={s} x={left - 10} y={top + barH + 10 + k * rowH + rowH / 2 + 4} fontSize={12} textAnchor="end" fill="#1c2430">
          {SOURCE_LABELS[s]}
        </text>
      ))}
    </svg>
  );
}
