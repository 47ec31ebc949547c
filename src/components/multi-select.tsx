import { useEffect, useId, useRef } from 'react';

interface MultiSelectProps<T extends string> {
  label: string;
  options: readonly T[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
  /** how an option is shown (the value itself when omitted) */
  describe?: (value: T) => string;
}

/** A compact dropdown of checkboxes; nothing ticked means no filter. */
export function MultiSelect<T extends string>({ label, options, selected, onChange, describe = (v) => v }: MultiSelectProps<T>) {
  const id = useId();
  const ref = useRef<HTMLDetailsElement>(null);
  // A dropdown closes when the user clicks elsewhere or presses Escape, as one expects.
  useEffect(() => {
    const close = (e: Event) => {
      const el = ref.current;
      if (!el?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !el.contains(e.target as Node)) {
        el.open = false;
        if (e instanceof KeyboardEvent) el.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  const summary = selected.length === 0 ? 'All' : selected.length === 1 ? describe(selected[0]!) : `${selected.length} chosen`;
  return (
    <details className="multi-select" ref={ref}>
      <summary aria-label={`${label}: ${summary}`}>
        <span className="ms-label">{label}</span> <span className="ms-value">{summary}</span>
      </summary>
      <fieldset className="ms-options">
        <legend className="visually-hidden">{label}</legend>
        {options.map((o) => (
          <label key={o} htmlFor={`${id}-${o}`}>
            <input
              id={`${id}-${o}`}
              type="checkbox"
              checked={selected.includes(o)}
              onChange={(e) => onChange(e.target.checked ? options.filter((x) => x === o || selected.includes(x)) : selected.filter((x) => x !== o))}
            />
            {describe(o)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
