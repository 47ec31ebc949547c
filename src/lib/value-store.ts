import { useSyncExternalStore } from 'react';

/**
 * One value outside React that components follow: set from anywhere (a load, a keep), read with
 * `use()`, which re-renders the component whenever it changes.
 */
export function valueStore<T>(initial: T): { set: (value: T) => void; get: () => T; use: () => T } {
  let value = initial;
  const listeners = new Set<() => void>();
  const follow = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    set: (next) => {
      value = next;
      for (const listener of listeners) listener();
    },
    get: () => value,
    use: () => useSyncExternalStore(follow, () => value),
  };
}
