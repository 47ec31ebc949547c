import { useId } from 'react';
import { RESIDENTS, RESIDENTS_LABEL, type Residents } from '@/data/residents';

/** Which residents a rate per 1,000 divides by: all ages, aged 0–15 or aged 16–24 (each rate's panel has its own). */
export function ResidentsPicker({ label, value, onChange }: { label: string; value: Residents; onChange: (residents: Residents) => void }) {
  const id = useId();
  return (
    <span className="residents-choice">
      <label htmlFor={id}>{label} </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Residents)}>
        {RESIDENTS.map((r) => (
          <option key={r} value={r}>
            {RESIDENTS_LABEL[r]}
          </option>
        ))}
      </select>
    </span>
  );
}
