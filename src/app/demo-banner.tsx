import { useDemoPresence } from '@/data/demo-data';

/** Shown on every view while synthetic demo data is loaded, so it is never mistaken for real data. */
export function DemoBanner() {
  const demo = useDemoPresence();
  if (!demo.loaded) return null;
  return (
    <div className="demo-banner" role="note" aria-label="Synthetic demo data">
      <strong>Synthetic demo data</strong> — generated records for West Yorkshire’s five districts, not real people or incidents. Load your partners’
      extracts on the Data page to replace it.
    </div>
  );
}
