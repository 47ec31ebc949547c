// Which residents a rate per 1,000 divides by: all ages, or the young people the violence is among
// (Census 2021 per LSOA: aged 0–15, aged 16–24). An age-specific rate counts only the records of
// people of those ages, so records with no age are left out of it.

export const RESIDENTS = ['all', '0-15', '16-24'] as const;
export type Residents = (typeof RESIDENTS)[number];

/** ref_lsoa's column of each. */
export const RESIDENTS_COLUMN: Readonly<Record<Residents, string>> = { all: 'population', '0-15': 'population_0_15', '16-24': 'population_16_24' };

/** For the screen: "residents aged 0–15". */
export const RESIDENTS_LABEL: Readonly<Record<Residents, string>> = { all: 'all ages', '0-15': 'aged 0–15', '16-24': 'aged 16–24' };

const AGES: Readonly<Record<Residents, readonly [number, number] | null>> = { all: null, '0-15': [0, 15], '16-24': [16, 24] };

/** The records a rate of these residents counts: a condition on `age` (TRUE for all ages). */
export function residentsAgeSql(residents: Residents, alias = ''): string {
  const ages = AGES[residents];
  return ages ? `${alias ? `${alias}.` : ''}age BETWEEN ${ages[0]} AND ${ages[1]}` : 'TRUE';
}
