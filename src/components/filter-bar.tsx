import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { AGE_BANDS, ETHNICITIES, ROLES, SEXES, WEAPONS, type Filters } from '@/data/filters';
import { areasQuery, matchingCountQuery } from '@/data/filter-queries';
import { exportFailureMessage, exportRecordsCsv } from '@/data/export-records';
import { exportRecordsParquet, workerSink } from '@/data/export-parquet';
import { SOURCE_IDS, SOURCE_LABELS } from '@/data/ingest/contracts';
import { useDbStatus } from '@/data/use-db';
import { useFilters } from '@/data/use-filters';
import { useDemoPresence } from '@/data/demo-data';
import { downloadFile } from '@/lib/download';
import { formatCount, formatMonth } from '@/lib/format';
import { displayCount } from '@/lib/suppression';
import { MultiSelect } from './multi-select';

type ListKey = 'sources' | 'age' | 'sex' | 'ethnicity' | 'weapon' | 'role';

const LIST_LABELS: Record<ListKey, string> = { sources: 'Source', age: 'Age', sex: 'Sex', ethnicity: 'Ethnicity', weapon: 'Weapon', role: 'Role' };

/** The filters shared by every view: set here, kept in the URL, applied by every query and export. */
export function FilterBar() {
  const status = useDbStatus();
  const db = status.state === 'ready' ? status.db : undefined;
  const { filters, problems, setFilters, reset } = useFilters();
  const areas = useQuery(areasQuery(db, filters.region));
  const count = useQuery(matchingCountQuery(db, filters));
  const demo = useDemoPresence();
  const [areaText, setAreaText] = useState('');
  const [exporting, setExporting] = useState<string | null>(null);
  const ids = { from: useId(), to: useId(), area: useId(), publish: useId(), list: useId() };
  const areaUnknown =
    areaText.trim().length >= 3 &&
    areas.data !== undefined &&
    !areas.data.some((a) => `${a.name} — ${a.code}`.toLowerCase().includes(areaText.trim().toLowerCase()));
  const areaName = (code: string) => areas.data?.find((a) => a.code === code)?.name ?? code;
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });

  const chooseArea = (text: string) => {
    setAreaText(text);
    const match = areas.data?.find((a) => `${a.name} — ${a.code}` === text || a.code === text.trim().toUpperCase());
    if (match) {
      set({ area: match.code });
      setAreaText('');
    }
  };

  const exportRecords = async (format: 'csv' | 'parquet') => {
    if (!db) return;
    setExporting('Exporting…');
    try {
      const madeAt = new Date();
      const name = `events-${madeAt.toISOString().slice(0, 10)}.${format}`;
      const progress = (done: number, total: number) => setExporting(`Exporting… ${formatCount(done)} of ${formatCount(total)} records`);
      if (format === 'csv') downloadFile(name, await exportRecordsCsv(db, filters, madeAt, demo.loaded, { onProgress: progress }), 'text/csv;charset=utf-8');
      else
        downloadFile(
          name,
          await exportRecordsParquet(db, filters, madeAt, demo.loaded, workerSink(), progress),
          'application/vnd.apache.parquet',
        );
      setExporting(null);
    } catch (e) {
      setExporting(exportFailureMessage(e));
    }
  };
  const busy = exporting !== null && exporting.startsWith('Exporting');

  const chips: { key: string; text: string; clear: () => void }[] = [];
  if (filters.from) chips.push({ key: 'from', text: `From ${formatMonth(filters.from)}`, clear: () => set({ from: null }) });
  if (filters.to) chips.push({ key: 'to', text: `To ${formatMonth(filters.to)}`, clear: () => set({ to: null }) });
  if (filters.area) chips.push({ key: 'area', text: `Area: ${areaName(filters.area)}`, clear: () => set({ area: null }) });
  for (const key of Object.keys(LIST_LABELS) as ListKey[]) {
    for (const v of filters[key]) {
      const text = key === 'sources' ? SOURCE_LABELS[v as keyof typeof SOURCE_LABELS] : v;
      chips.push({ key: `${key}-${v}`, text: `${LIST_LABELS[key]}: ${text}`, clear: () => set({ [key]: (filters[key] as string[]).filter((x) => x !== v) } as Partial<Filters>) });
    }
  }

  return (
    <section className="filter-bar" aria-label="Filters">
      <div className="filter-row">
        <label htmlFor={ids.from}>From</label>
        <input id={ids.from} type="month" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value || null })} />
        <label htmlFor={ids.to}>To</label>
        <input id={ids.to} type="month" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value || null })} />
        <MultiSelect label="Source" options={SOURCE_IDS} selected={filters.sources} onChange={(sources) => set({ sources })} describe={(s) => SOURCE_LABELS[s]} />
        <label htmlFor={ids.area}>Area</label>
        <input
          id={ids.area}
          type="text"
          list={ids.list}
          className="area-input"
          placeholder={filters.region === 'wy' ? 'District, ward, MSOA or LSOA' : 'Ward, MSOA or LSOA name or code'}
          value={areaText}
          aria-invalid={areaUnknown}
          aria-describedby={areaUnknown ? `${ids.area}-hint` : undefined}
          onChange={(e) => chooseArea(e.target.value)}
        />
        {areaUnknown && (
          <span id={`${ids.area}-hint`} className="warn-text small-inline" role="status">
            No {filters.region === 'wy' ? 'district, ward, MSOA or LSOA of West Yorkshire' : 'Leeds ward, MSOA or LSOA'} matches “{areaText.trim()}”
          </span>
        )}
        <datalist id={ids.list}>
          {areas.data?.map((a) => (
            <option key={a.code} value={`${a.name} — ${a.code}`}>
              {a.level.toUpperCase()}
            </option>
          ))}
        </datalist>
        <MultiSelect label="Age" options={AGE_BANDS} selected={filters.age} onChange={(age) => set({ age })} />
        <MultiSelect label="Sex" options={SEXES} selected={filters.sex} onChange={(sex) => set({ sex })} />
        <MultiSelect label="Ethnicity" options={ETHNICITIES} selected={filters.ethnicity} onChange={(ethnicity) => set({ ethnicity })} />
        <MultiSelect label="Weapon" options={WEAPONS} selected={filters.weapon} onChange={(weapon) => set({ weapon })} />
        <MultiSelect label="Role" options={ROLES} selected={filters.role} onChange={(role) => set({ role })} />
        <span className="publish-toggle">
          <input id={ids.publish} type="checkbox" checked={filters.publish} onChange={(e) => set({ publish: e.target.checked })} />
          <label htmlFor={ids.publish}>Publishing mode</label>
        </span>
      </div>
      <div className="filter-row secondary">
        <ul className="chips" aria-label="Active filters">
          {chips.map((c) => (
            <li key={c.key}>
              {c.text}
              <button type="button" className="chip-remove" aria-label={`Remove filter ${c.text}`} onClick={c.clear}>
                ×
              </button>
            </li>
          ))}
        </ul>
        {chips.length > 0 && (
          <button type="button" className="link-button" onClick={reset}>
            Reset filters
          </button>
        )}
        <span className="match-count" role="status" data-testid="matching-count">
          {/* the previous filters' count is never shown as this one's */}
          {count.data === undefined || count.isPlaceholderData ? '…' : `${displayCount(count.data, filters.publish, formatCount)} records match`}
          {filters.role.length > 0 && ' (role applies to police records only)'}
        </span>
        <button type="button" onClick={() => void exportRecords('csv')} disabled={!db || filters.publish || busy} title={filters.publish ? 'Record-level exports are not made in publishing mode' : undefined}>
          Export records (CSV)
        </button>
        <button type="button" onClick={() => void exportRecords('parquet')} disabled={!db || filters.publish || busy} title={filters.publish ? 'Record-level exports are not made in publishing mode' : undefined}>
          Parquet
        </button>
        {busy && (
          <span role="status" className="muted small">
            {exporting}
          </span>
        )}
      </div>
      {filters.publish && <p className="muted small">Record-level exports are switched off in publishing mode.</p>}
      {exporting && !busy && <p role="alert">{exporting}</p>}
      {problems.length > 0 && (
        <div className="warn-box" role="note">
          {problems.map((p) => (
            <div key={p}>{p}</div>
          ))}
        </div>
      )}
    </section>
  );
}
