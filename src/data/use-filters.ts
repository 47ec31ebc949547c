import { useCallback, useMemo } from 'react';
import { navigate, useLocation } from '@/lib/router';
import { filtersToSearch, NO_FILTERS, parseFilters, type Filters } from './filters';

/** The filters in the URL, and a way to change them (a new history entry, so Back undoes it). */
export function useFilters() {
  const { pathname, search } = useLocation();
  const { filters, problems } = useMemo(() => parseFilters(search), [search]);
  const setFilters = useCallback((next: Filters) => navigate(pathname + filtersToSearch(next, search)), [pathname, search]);
  const reset = useCallback(() => navigate(pathname + filtersToSearch({ ...NO_FILTERS, publish: filters.publish }, search)), [pathname, search, filters.publish]);
  return { filters, problems, setFilters, reset };
}
