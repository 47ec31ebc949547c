import { NotBuiltYet } from '@/components/not-built-yet';

export function PlacesPage() {
  return (
    <NotBuiltYet
      title="Places"
      purpose="Where violence happens: hotspots, area profiles and a ranking by need."
      items={[
        'Map of wards, MSOAs and LSOAs by count or rate per 1,000 residents',
        'Statistically significant hotspots (Getis-Ord Gi*)',
        'Area profile: trend, sources, who is affected, deprivation',
        'Ranking of areas for commissioners',
      ]}
    />
  );
}
