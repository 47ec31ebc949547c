import { useId } from 'react';
import { useFilters } from '@/data/use-filters';
import { REGIONS, regionName, type Region } from '@/data/region';

/**
 * The partnership's area, in the top bar: Leeds or West Yorkshire. Changing it keeps every other
 * filter and the page; an area filter outside the new region is kept too (its records still count
 * in the totals), and the filter bar names it.
 */
export function RegionPicker() {
  const { filters, updateFilters } = useFilters();
  const id = useId();
  return (
    <div className="region-picker">
      <label htmlFor={id}>Partnership area</label>
      <select id={id} value={filters.region} onChange={(e) => updateFilters((f) => ({ ...f, region: e.target.value as Region }))}>
        {REGIONS.map((r) => (
          <option key={r} value={r}>
            {regionName(r)}
          </option>
        ))}
      </select>
    </div>
  );
}
