import { NotBuiltYet } from '@/components/not-built-yet';

export function OverviewPage() {
  return (
    <NotBuiltYet
      title="Overview"
      purpose="This month's headline figures for the partnership board."
      items={[
        'Headline counts per source for the latest complete month',
        'Change against last month and the same month last year, judged by SPC rules',
        'Progress towards the 50% knife-crime reduction target',
        'What needs attention: areas and groups with unusual change',
      ]}
    />
  );
}
