// The partnership's area: Leeds (the default) or West Yorkshire's five districts. It decides which
// records are "in the area" (on the map, in area rates), which areas are listed and ranked, and the
// residents that rates divide by. Records outside it still count in the partnership's totals.

export const REGIONS = ['leeds', 'wy'] as const;
export type Region = (typeof REGIONS)[number];

/** West Yorkshire's districts (2024 codes), by name. */
export const DISTRICTS = [
  ['E08000032', 'Bradford'],
  ['E08000033', 'Calderdale'],
  ['E08000034', 'Kirklees'],
  ['E08000035', 'Leeds'],
  ['E08000036', 'Wakefield'],
] as const;

const DISTRICTS_OF: Readonly<Record<Region, readonly string[]>> = {
  leeds: ['E08000035'],
  wy: DISTRICTS.map(([code]) => code),
};

/** The region a link asks for (`region`): Leeds when absent; anything else is ignored, with a note. */
export function parseRegion(search: string): { region: Region; problem: string | null } {
  const raw = new URLSearchParams(search).get('region');
  if (!raw) return { region: 'leeds', problem: null };
  const region = REGIONS.find((r) => r === raw.trim().toLowerCase());
  return region ? { region, problem: null } : { region: 'leeds', problem: `Ignored region=${raw}: not leeds or wy (West Yorkshire).` };
}

/** The region's name, for the screen and exports' header lines. */
export function regionName(region: Region): string {
  return region === 'wy' ? 'West Yorkshire' : 'Leeds';
}

/**
 * A condition on a table with a district column (events, ref_lsoa, ref_ward, …): in the region.
 * The codes are the constants above, never user input.
 */
export function inRegionSql(region: Region, column = 'lad24cd'): string {
  return `${column} IN (${DISTRICTS_OF[region].map((c) => `'${c}'`).join(', ')})`;
}

/**
 * `in_area` for the region, over the stored events: true inside it, false for a known place outside
 * it, NULL when the place is not known. The stored column says "in Leeds" (the default); West
 * Yorkshire takes every record with a district.
 */
export function inAreaSql(region: Region, alias = ''): string {
  const col = (c: string) => (alias ? `${alias}.${c}` : c);
  return region === 'leeds' ? col('in_area') : `(${col('lad24cd')} IS NOT NULL OR ${col('in_area')})`;
}

export type AreaLevel = 'district' | 'ward' | 'msoa' | 'lsoa';

/**
 * An area's name, over ref_lsoa's columns. In Leeds, names as Leeds knows them (an MSOA by its House
 * of Commons Library name); across West Yorkshire each names its district: a ward is followed by
 * its district's name, an MSOA by its ONS name ("Yeadon East (Leeds 011)"), and an LSOA's name
 * begins with it.
 */
export function areaNameSql(level: AreaLevel, region: Region): string {
  switch (level) {
    case 'district':
      return 'lad24nm';
    case 'lsoa':
      return 'lsoa21nm';
    case 'ward':
      return region === 'wy' ? `ward_name || ' (' || lad24nm || ')'` : 'ward_name';
    case 'msoa':
      return region === 'wy' ? `CASE WHEN msoa_name = msoa21nm THEN msoa21nm ELSE msoa_name || ' (' || msoa21nm || ')' END` : 'msoa_name';
  }
}
