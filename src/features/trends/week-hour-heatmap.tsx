import { memo } from 'react';
import type { HourCell } from '@/data/aggregates';
import { ChartPanel } from '@/components/chart-panel';
import { shapeTable, type AggColumn, type AggTable } from '@/lib/aggregate-table';
import { formatCount, formatShare } from '@/lib/format';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
// a sequential blue scale, light to dark, readable in greyscale
const SCALE = ['#f1f5fb', '#d3e2f2', '#a9c8e6', '#74a7d5', '#4284c0', '#1f62a3', '#0b3f75'];

export function weekHourTable(cells: readonly HourCell[]): AggTable {
  const columns: AggColumn[] = [{ key: 'day', label: 'Day', kind: 'label' }, ...HOURS.map((h): AggColumn => ({ key: `h${h}`, label: `${String(h).padStart(2, '0')}:00`, kind: 'count' }))];
  const rows = DAYS.map((day, d) => {
    const row: Record<string, string | number> = { day };
    for (const h of HOURS) row[`h${h}`] = cells.find((c) => c.dow === d + 1 && c.hour === h)?.n ?? 0;
    return row;
  });
  return { columns, rows };
}

function WeekHourHeatmapView({ cells, unknownHour, publish }: { cells: readonly HourCell[]; unknownHour: number; publish: boolean }) {
  const table = weekHourTable(cells);
  const shaped = shapeTable(table, publish);
  const known = cells.reduce((a, c) => a + c.n, 0);
  const max = Math.max(1, ...cells.map((c) => c.n));
  const cw = 30;
  const ch = 26;
  const left = 92;
  const top = 22;
  return (
    <ChartPanel
      title="Day of week and hour of day"
      slug="day-hour"
      table={table}
      description={`Records with a known hour (UK local time): ${formatCount(known)}. Without one, and so left out: ${formatCount(unknownHour)}${known + unknownHour > 0 ? ` (${formatShare(unknownHour / (known + unknownHour))})` : ''}.`}
    >
      <div className="heatmap-scroll">
        <svg width={left + 24 * cw + 8} height={top + 7 * ch + 30} role="img" aria-label="Heatmap of records by day of week and hour of day; use Show table for the numbers">
          {HOURS.filter((h) => h % 3 === 0).map((h) => (
            <text key={h} x={left + h * cw + cw / 2} y={14} fontSize={11} textAnchor="middle" fill="#374151">
              {String(h).padStart(2, '0')}
            </text>
          ))}
          {DAYS.map((day, d) => (
            <g key={day}>
              <text x={left - 8} y={top + d * ch + ch / 2 + 4} fontSize={12} textAnchor="end" fill="#374151">
                {day}
              </text>
              {HOURS.map((h) => {
                const cell = shaped[d]![h + 1]!;
                const v = cell.value;
                const fill = cell.hidden ? '#e5e7eb' : v === null || v === 0 ? '#ffffff' : SCALE[Math.min(SCALE.length - 1, Math.floor((v / max) * SCALE.length))]!;
                return (
                  <rect key={h} x={left + h * cw} y={top + d * ch} width={cw - 2} height={ch - 2} fill={fill} stroke="#e5e7eb">
                    <title>{`${day} ${String(h).padStart(2, '0')}:00: ${cell.text}`}</title>
                  </rect>
                );
              })}
            </g>
          ))}
          <text x={left} y={top + 7 * ch + 20} fontSize={11} fill="#374151">
            Lighter: fewer records; darker: more (up to {formatCount(max)} in one hour-of-week).{publish ? ' Grey: suppressed.' : ''}
          </text>
        </svg>
      </div>
    </ChartPanel>
  );
}

/** Redraws only when its numbers change, not on every render of the page. */
export const WeekHourHeatmap = memo(WeekHourHeatmapView);
