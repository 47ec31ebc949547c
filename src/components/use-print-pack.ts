import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { filtersToSearch, type Filters } from '@/data/filters';
import { navigate } from '@/lib/router';

/**
 * A printed page (the board pack, an evaluation summary) prints in publishing mode: the Print button turns it on first, and a print
 * started from the browser's menu turns it on just before the page is laid out for paper.
 */
export function usePrintPack(filters: Filters, ready: boolean) {
  const [requested, setRequested] = useState(false);
  const [switched, setSwitched] = useState(false);

  useEffect(() => {
    const before = () => {
      if (filters.publish) return;
      flushSync(() => {
        setSwitched(true);
        navigate(window.location.pathname + filtersToSearch({ ...filters, publish: true }, window.location.search), { replace: true });
      });
    };
    window.addEventListener('beforeprint', before);
    return () => window.removeEventListener('beforeprint', before);
  }, [filters]);

  useEffect(() => {
    if (!requested || !filters.publish || !ready) return;
    // let the suppressed figures paint before the print dialog freezes the page
    const id = window.setTimeout(() => {
      setRequested(false);
      window.print();
    }, 50);
    return () => window.clearTimeout(id);
  }, [requested, filters.publish, ready]);

  const print = () => {
    if (!filters.publish) {
      setSwitched(true);
      navigate(window.location.pathname + filtersToSearch({ ...filters, publish: true }, window.location.search));
    }
    setRequested(true);
  };
  return { print, switched };
}
