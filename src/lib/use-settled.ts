import { useState } from 'react';

/**
 * The value as it was when the figures on screen were computed. While a query still shows its
 * previous answer (`fresh` is false), a value derived from the new filters, such as the month
 * range, would not match those figures and would make every chart redraw twice; this keeps the
 * old one until the new answer arrives.
 */
export function useSettled<T>(value: T, fresh: boolean): T {
  const [kept, setKept] = useState(value);
  if (fresh && kept !== value) setKept(value);
  return fresh ? value : kept;
}
