import { NotBuiltYet } from '@/components/not-built-yet';

export function PartnershipPage() {
  return (
    <NotBuiltYet
      title="Partnership"
      purpose="Seen by whom: what each agency alone would have missed."
      items={[
        'Overlap of children known to police, ambulance, emergency departments and youth justice',
        'Violence known only to health services',
        'Children with repeated incidents across agencies (cumulative harm)',
        'Police child victims with no Public Protection Notice',
      ]}
    />
  );
}
