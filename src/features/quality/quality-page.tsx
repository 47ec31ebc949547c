import { NotBuiltYet } from '@/components/not-built-yet';

export function QualityPage() {
  return (
    <NotBuiltYet
      title="Data quality"
      purpose="How complete each partner's data is, month by month."
      items={[
        'Completeness of ethnicity, place, time, person reference and PPN per source and month',
        'Warnings raised when files were loaded',
        'The worst gaps, in plain words',
      ]}
    />
  );
}
