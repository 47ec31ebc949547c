import { useCallback, useMemo } from 'react';
import { navigate, useLocation } from '@/lib/router';
import { filtersToSearch, NO_FILTERS, parseFilters, type Filters } from './filters';

/** The filters in the URL, and a way to change them (a new history entry, so Back undoes it). */
export function useFilters() {
  const { pathname, search } = useLocation();
  const { filters, problems } = useMemo(() => parseFilters(search), [search]);
  /** the filters as text: equal filters give the same key, whatever else the address holds */
  const filtersKey = useMemo(() => JSON.stringify(filters), [filters]);
  const setFilters = useCallback((next: Filters) => navigate(pathname + filtersToSearch(next, search)), [pathname, search]);
  const reset = useCallback(() => navigate(pathname + filtersToSearch({ ...NO_FILTERS, publish: filters.publish }, search)), [pathname, search, filters.publish]);
  /** Changes the filters as they are when called; stable, so memoised children need not redraw. */
  const updateFilters = useCallback((change: (current: Filters) => Filters) => {
    const { pathname: path, search: query } = window.location;
    navigate(path + filtersToSearch(change(parseFilters(query).filters), query));
  }, []);
  return { filters, filtersKey, problems, setFilters, updateFilters, reset };
}
