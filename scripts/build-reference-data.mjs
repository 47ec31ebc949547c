#!/usr/bin/env node
// Turns the open reference data for Leeds (../shared/reference) into the compact files the app
// ships in data/reference/. Run after the reference data changes: `npm run reference-data`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

const SRC = process.argv[2] ?? path.resolve('..', 'shared', 'reference');
const OUT = path.resolve('data', 'reference');
mkdirSync(OUT, { recursive: true });

const csv = (rel) => Papa.parse(readFileSync(path.join(SRC, rel), 'utf8'), { header: true, skipEmptyLines: true }).data;
const json = (rel) => JSON.parse(readFileSync(path.join(SRC, rel), 'utf8'));
const write = (name, rows) => {
  writeFileSync(path.join(OUT, name), Papa.unparse(rows, { newline: '\n' }) + '\n');
  console.log(`wrote data/reference/${name} (${rows.length} rows)`);
};

// West Yorkshire's five districts. Leeds keeps its own files where they are finer: its MSOAs' House
// of Commons Library names, and its Census 2021 population per LSOA (the same count as TS021's, with
// ONS's statistical noise drawn differently: 811,927 against 812,017 for the district) with the
// share aged under 20. Every LSOA has the Census 2021 residents aged 0-15 and 16-24.
const LEEDS = 'E08000035';
const wy = csv('west-yorkshire/boundaries/wy-lsoa21-msoa21-ward24-lad24-lookup.csv');
const leedsLookup = new Map(csv('boundaries/leeds-lsoa21-ward24-lookup.csv').map((r) => [r.LSOA21CD, r]));
const msoaRows = csv('boundaries/leeds-msoa21-names-imd2019.csv');
const census = new Map(csv('population/leeds-lsoa21-census2021-pct.csv').map((r) => [r.code, r]));
const residents = new Map();
for (const r of csv('west-yorkshire/population/wy-census2021-ethnicity5-lsoa21.csv')) residents.set(r.lsoa21_code, Number(r.total_residents));
const ages = new Map();
for (const r of csv('west-yorkshire/population/wy-census2021-age6-lsoa21.csv')) {
  const a = ages.get(r.lsoa21_code) ?? {};
  a[r.age_group] = Number(r.usual_residents);
  ages.set(r.lsoa21_code, a);
}
// English Indices of Deprivation 2025, published on 2021 LSOAs: every LSOA has its own rank and
// decile (1 = most deprived of England's 33,755), no bridging from 2011 codes.
const imdByCode = new Map(
  csv('west-yorkshire/deprivation/wy-imd2025-lsoa21.csv').map((r) => [r.lsoa21_code, { rank: Number(r.IMD_rank), decile: Number(r.IMD_decile), score: Number(r.IMD_score) }]),
);
const msoaByName = new Map(msoaRows.map((r) => [r.msoa_name, r]));

const lsoaOut = wy
  .map((r) => {
    const code = r.lsoa21_code;
    const leeds = r.lad24_code === LEEDS;
    const imd = imdByCode.get(code);
    if (!imd) throw new Error(`No IMD 2025 row for ${code}`);
    const age = ages.get(code);
    if (!age) throw new Error(`No Census 2021 ages for ${code}`);
    let population = residents.get(code);
    let under20 = '';
    let msoaName = r.msoa21_name;
    if (leeds) {
      const l = leedsLookup.get(code);
      if (!l || l.WD24CD !== r.ward24_code) throw new Error(`Leeds's lookup and West Yorkshire's differ for ${code}`);
      const msoa = msoaByName.get(r.msoa21_name);
      if (!msoa || msoa.msoa_code !== r.msoa21_code) throw new Error(`No Leeds MSOA named ${r.msoa21_name} for ${code}`);
      msoaName = msoa.msoa_hocl_name;
      const c = census.get(code);
      if (!c) throw new Error(`No Census 2021 row for ${code}`);
      population = Number(c.totpop);
      under20 = Math.round((population * Number(c.u20)) / 100);
    }
    if (population === undefined) throw new Error(`No Census 2021 residents for ${code}`);
    return {
      lsoa21cd: code,
      lsoa21nm: r.lsoa21_name,
      msoa21cd: r.msoa21_code,
      msoa21nm: r.msoa21_name,
      msoa_name: msoaName,
      ward_code: r.ward24_code,
      ward_name: r.ward24_name,
      lad24cd: r.lad24_code,
      lad24nm: r.lad24_name,
      population,
      population_0_15: age['Aged 15 years and under'],
      population_16_24: age['Aged 16 to 24 years'],
      population_under20: under20,
      imd_rank: imd.rank,
      imd_decile: imd.decile,
      imd_score: imd.score,
    };
  })
  .sort((a, b) => a.lsoa21cd.localeCompare(b.lsoa21cd));
write('lsoa.csv', lsoaOut);

/** The LSOAs' people summed into a bigger area. */
function sumInto(key, first) {
  const out = new Map();
  for (const l of lsoaOut) {
    const a = out.get(l[key]) ?? { ...first(l), population: 0, population_0_15: 0, population_16_24: 0 };
    a.population += l.population;
    a.population_0_15 += l.population_0_15;
    a.population_16_24 += l.population_16_24;
    out.set(l[key], a);
  }
  return [...out.values()].sort((a, b) => Object.values(a)[0].localeCompare(Object.values(b)[0]));
}
write('msoa.csv', sumInto('msoa21cd', (l) => ({ msoa21cd: l.msoa21cd, msoa21nm: l.msoa21nm, msoa_name: l.msoa_name, lad24cd: l.lad24cd })));
write('district.csv', sumInto('lad24cd', (l) => ({ lad24cd: l.lad24cd, lad24nm: l.lad24nm })));

// Ward codes in the mid-2022 estimates (2023 wards) are the same as the 2024 lookup's.
const wardPop = new Map();
for (const r of csv('population/leeds-ward-population-mid2022.csv')) {
  const w = wardPop.get(r.GEOGRAPHY_CODE) ?? { all: 0, under16: 0, age16to19: 0 };
  const v = Number(r.OBS_VALUE);
  if (r.C_AGE_NAME === 'All Ages') w.all = v;
  else if (r.C_AGE_NAME === 'Aged 0 to 15') w.under16 = v;
  else if (/^Age 1[6-9]$/.test(r.C_AGE_NAME)) w.age16to19 += v;
  wardPop.set(r.GEOGRAPHY_CODE, w);
}
write(
  'ward.csv',
  sumInto('ward_code', (l) => ({ ward_code: l.ward_code, ward_name: l.ward_name, lad24cd: l.lad24cd })).map((w) => {
    const p = wardPop.get(w.ward_code);
    if (w.lad24cd === LEEDS && !p) throw new Error(`No mid-2022 population for ward ${w.ward_code}`);
    return { ...w, population_mid2022: p?.all ?? '', population_0_15_mid2022: p?.under16 ?? '', population_16_19_mid2022: p?.age16to19 ?? '' };
  }),
);

// Census 2021 TS021: residents of each LSOA in the five broad ethnic groups, named as the events'
// ethnicity is ("Asian, Asian British or Asian Welsh" is Asian).
const GROUPS = ['Asian', 'Black', 'Mixed', 'White', 'Other'];
write(
  'lsoa-ethnicity.csv',
  csv('west-yorkshire/population/wy-census2021-ethnicity5-lsoa21.csv')
    .map((r) => {
      const ethnicity = GROUPS.find((g) => r.ethnic_group.startsWith(g));
      if (!ethnicity) throw new Error(`Unknown ethnic group ${r.ethnic_group}`);
      return { lsoa21cd: r.lsoa21_code, ethnicity, population: Number(r.n) };
    })
    .sort((a, b) => a.lsoa21cd.localeCompare(b.lsoa21cd) || GROUPS.indexOf(a.ethnicity) - GROUPS.indexOf(b.ethnicity)),
);

// LSOA codes of 2011 that changed in 2021, for all of West Yorkshire (police extracts often still
// carry them): one row per 2011 code. A merged code has the 2021 LSOA it became; a split code has
// none (its pieces are several LSOAs), but its district, and its ward when every piece is in the same
// one. Unchanged codes are the same in both years and are not listed.
{
  const changes = csv('west-yorkshire/boundaries/wy-lsoa11-to-lsoa21-lookup.csv').filter((r) => r.change_code !== 'U');
  const wardOf = new Map(lsoaOut.map((l) => [l.lsoa21cd, l.ward_code]));
  const by11 = new Map();
  for (const r of changes) by11.set(r.lsoa11_code, [...(by11.get(r.lsoa11_code) ?? []), r]);
  const rows = [...by11].map(([code, pieces]) => {
    const change = pieces[0].change_code;
    const wards = [...new Set(pieces.map((p) => wardOf.get(p.lsoa21_code) ?? ''))];
    return {
      lsoa11cd: code,
      change: change === 'M' ? 'merged' : 'split',
      lsoa21cd: change === 'M' ? pieces[0].lsoa21_code : '',
      ward_code: wards.length === 1 ? wards[0] : '',
      lad_code: pieces[0].ltla22_code,
    };
  });
  write('lsoa11-changed.csv', rows.sort((a, b) => a.lsoa11cd.localeCompare(b.lsoa11cd)));
}

// Boundaries for each level: Leeds's own (LSOAs simplified to 15 m, for placing points) and, for the
// other four districts, ONS's super-generalised ones (coarse: good for a map, rough for placing a
// point). Each feature has its code, name and district (`lad`).
const ladOf = new Map();
for (const l of lsoaOut) for (const k of ['lsoa21cd', 'msoa21cd', 'ward_code', 'lad24cd']) ladOf.set(l[k], l.lad24cd);
function features(rel, codeProp, nameProp, keep) {
  return json(rel)
    .features.filter((f) => keep(ladOf.get(f.properties[codeProp])))
    .map((f) => {
      const code = f.properties[codeProp];
      if (!ladOf.has(code)) throw new Error(`${rel}: ${code} is not in West Yorkshire's lookup`);
      return { type: 'Feature', properties: { code, name: f.properties[nameProp], lad: ladOf.get(code) }, geometry: f.geometry };
    });
}
function boundaries(out, leeds, others) {
  const all = [...features(...leeds, (lad) => lad === LEEDS), ...(others ? features(...others, (lad) => lad !== undefined && lad !== LEEDS) : [])];
  writeFileSync(path.join(OUT, out), JSON.stringify({ type: 'FeatureCollection', features: all }));
  console.log(`wrote data/reference/${out} (${all.length} features)`);
}
const WY = 'west-yorkshire/boundaries/';
boundaries('lsoa21.geojson', ['boundaries/leeds-lsoa21.geojson', 'code', 'LSOA21NM'], [`${WY}wy-lsoa21-bsc.geojson`, 'lsoa21_code', 'lsoa21_name']);
boundaries('msoa21.geojson', ['boundaries/leeds-msoa21.geojson', 'code', 'MSOA21NM'], [`${WY}wy-msoa21-bsc.geojson`, 'msoa21_code', 'msoa21_name']);
boundaries('wards.geojson', ['boundaries/leeds-wards-wd24-approx.geojson', 'WD24CD', 'WD24NM'], [`${WY}wy-wards-bsc.geojson`, 'ward22_code', 'ward22_name']);
boundaries('districts.geojson', [`${WY}wy-lad24-from-lsoa21-bsc.geojson`, 'lad24_code', 'lad24_name'], [`${WY}wy-lad24-from-lsoa21-bsc.geojson`, 'lad24_code', 'lad24_name']);
