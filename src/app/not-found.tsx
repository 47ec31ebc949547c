import { PageHeader } from '@/components/page-header';
import { Link } from '@/lib/router';

export function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" lede="There is no view at this address." />
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </>
  );
}
