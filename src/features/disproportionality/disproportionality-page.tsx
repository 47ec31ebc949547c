import { NotBuiltYet } from '@/components/not-built-yet';

export function DisproportionalityPage() {
  return (
    <NotBuiltYet
      title="Disproportionality"
      purpose="Who is affected: rates by ethnicity, sex and age, measured honestly."
      items={[
        'Rates per 1,000 by ethnic group with the relative rate index and 95% confidence intervals',
        'The share of records with ethnicity not recorded beside every figure',
        'SEND, EHC plan and looked-after status in the Youth Justice cohort',
        'The relative rate index over rolling 12-month windows',
      ]}
    />
  );
}
