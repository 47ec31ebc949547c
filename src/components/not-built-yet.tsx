import { PageHeader } from './page-header';
import { FilterBar } from './filter-bar';

/** A plain statement that a view is planned but not built, and what it will show. */
export function NotBuiltYet({ title, purpose, items }: { title: string; purpose: string; items: readonly string[] }) {
  return (
    <>
      <PageHeader title={title} lede={purpose} />
      <FilterBar />
      <section className="card not-built" aria-label="Not built yet">
        <h2>Not built yet</h2>
        <p>This view is planned but not available in this version. When built it will show:</p>
        <ul>
          {items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
        <p className="muted">Meanwhile, the SQL console can answer these questions from the events view.</p>
      </section>
    </>
  );
}
