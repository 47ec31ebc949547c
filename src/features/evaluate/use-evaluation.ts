import { useCallback, useMemo } from 'react';
import { navigate, useLocation } from '@/lib/router';
import { evaluationToSearch, parseEvaluation, type EvaluationParams } from './evaluation-params';

/** The evaluation in the URL, and a way to change it (a new history entry, so Back undoes it). */
export function useEvaluation() {
  const { pathname, search } = useLocation();
  const { params, problems } = useMemo(() => parseEvaluation(search), [search]);
  const update = useCallback(
    (patch: Partial<Omit<EvaluationParams, 'level'>>, options: { replace?: boolean } = {}) => {
      const current = parseEvaluation(window.location.search).params;
      navigate(pathname + evaluationToSearch({ ...current, ...patch }, window.location.search), options);
    },
    [pathname],
  );
  return { params, problems, update };
}
