import { NotBuiltYet } from '@/components/not-built-yet';

export function DataPage() {
  return (
    <NotBuiltYet
      title="Data"
      purpose="Load, replace and remove partner extracts."
      items={['Load police, ambulance, ED, YJS and police.uk files', 'Validation reports', 'The synthetic demo dataset']}
    />
  );
}
