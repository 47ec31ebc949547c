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

// England had 32,844 LSOAs in IMD 2019; deciles are tenths of that ranking (1 = most deprived).
const ENGLAND_LSOAS = 32844;
const decileOfRank = (rank) => Math.min(10, Math.ceil(rank / (ENGLAND_LSOAS / 10)));

const lookup = csv('boundaries/leeds-lsoa21-ward24-lookup.csv');
const msoaRows = csv('boundaries/leeds-msoa21-names-imd2019.csv');
const census = new Map(csv('population/leeds-lsoa21-census2021-pct.csv').map((r) => [r.code, r]));
const imd11 = csv('deprivation/leeds-imd2019-lsoa11.csv');
const imdByCode = new Map(imd11.map((r) => [r['LSOA code (2011)'], { rank: Number(r['Index of Multiple Deprivation (IMD) Rank']), name: r['LSOA name (2011)'] }]));
const msoaByName = new Map(msoaRows.map((r) => [r.msoa_name, r]));

// 2011 LSOAs that no longer exist in 2021, grouped by MSOA name ("Leeds 105"): the 2021 LSOAs
// new in that MSOA were made from them (splits and merges stay within an MSOA).
const lsoa21Codes = new Set(lookup.map((r) => r.LSOA21CD));
const retiredByMsoa = new Map();
for (const [code, v] of imdByCode) {
  if (lsoa21Codes.has(code)) continue;
  const msoaName = v.name.slice(0, -1);
  retiredByMsoa.set(msoaName, [...(retiredByMsoa.get(msoaName) ?? []), { code, rank: v.rank }]);
}

const lsoaOut = lookup
  .map((r) => {
    const msoaName = r.LSOA21NM.slice(0, -1);
    const msoa = msoaByName.get(msoaName);
    if (!msoa) throw new Error(`No MSOA named ${msoaName} for ${r.LSOA21CD}`);
    const c = census.get(r.LSOA21CD);
    if (!c) throw new Error(`No Census 2021 row for ${r.LSOA21CD}`);
    const population = Number(c.totpop);
    let imd = imdByCode.get(r.LSOA21CD);
    let note = 'IMD 2019 (same code in 2011)';
    if (!imd) {
      const sources = retiredByMsoa.get(msoaName) ?? [];
      if (sources.length === 0) throw new Error(`No 2011 predecessor for ${r.LSOA21CD}`);
      const rank = Math.round(sources.reduce((s, x) => s + x.rank, 0) / sources.length);
      imd = { rank };
      note = `New in 2021: IMD 2019 rank of ${sources.map((s) => s.code).join(' and ')} (retired 2011 LSOA${sources.length > 1 ? 's, mean rank' : ''} in the same MSOA)`;
    }
    return {
      lsoa21cd: r.LSOA21CD,
      lsoa21nm: r.LSOA21NM,
      msoa21cd: msoa.msoa_code,
      msoa21nm: msoa.msoa_name,
      msoa_name: msoa.msoa_hocl_name,
      ward_code: r.WD24CD,
      ward_name: r.WD24NM,
      population,
      population_under20: Math.round((population * Number(c.u20)) / 100),
      imd_rank: imd.rank,
      imd_decile: decileOfRank(imd.rank),
      imd_note: note,
    };
  })
  .sort((a, b) => a.lsoa21cd.localeCompare(b.lsoa21cd));
write('lsoa.csv', lsoaOut);

const msoaPop = new Map();
for (const l of lsoaOut) msoaPop.set(l.msoa21cd, (msoaPop.get(l.msoa21cd) ?? 0) + l.population);
write(
  'msoa.csv',
  msoaRows
    .map((r) => ({
      msoa21cd: r.msoa_code,
      msoa21nm: r.msoa_name,
      msoa_name: r.msoa_hocl_name,
      population: msoaPop.get(r.msoa_code) ?? 0,
      imd_score: Number(r['imd19 score']),
      imd_decile: Number(r.msoadecile),
    }))
    .sort((a, b) => a.msoa21cd.localeCompare(b.msoa21cd)),
);

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
const wards = new Map();
for (const l of lsoaOut) {
  const w = wards.get(l.ward_code) ?? { ward_code: l.ward_code, ward_name: l.ward_name, population_census2021: 0 };
  w.population_census2021 += l.population;
  wards.set(l.ward_code, w);
}
write(
  'ward.csv',
  [...wards.values()]
    .map((w) => {
      const p = wardPop.get(w.ward_code);
      if (!p) throw new Error(`No mid-2022 population for ward ${w.ward_code}`);
      return { ...w, population_mid2022: p.all, population_0_15_mid2022: p.under16, population_16_19_mid2022: p.age16to19 };
    })
    .sort((a, b) => a.ward_code.localeCompare(b.ward_code)),
);

const GROUPS = [
  [1, 5, 'Asian'],
  [6, 8, 'Black'],
  [9, 12, 'Mixed'],
  [13, 17, 'White'],
  [18, 19, 'Other'],
];
const eth = csv('population/leeds-census2021-ethnicity20.csv');
write(
  'ethnicity-population.csv',
  GROUPS.map(([lo, hi, group]) => ({
    ethnicity: group,
    population: eth
      .filter((r) => Number(r['Ethnic group (20 categories) Code']) >= lo && Number(r['Ethnic group (20 categories) Code']) <= hi)
      .reduce((s, r) => s + Number(r.Observation), 0),
  })),
);

// LSOA codes of 2011 that changed in 2021, for all of West Yorkshire (police extracts often still
// carry them): one row per 2011 code. A merged code has the 2021 LSOA it became; a split code has
// none (its pieces are several LSOAs), but its district, and in Leeds its ward when every piece is
// in the same one. Unchanged codes are the same in both years and are not listed.
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

function slimGeojson(rel, out, codeProp, nameProp) {
  const g = json(rel);
  const features = g.features.map((f) => ({
    type: 'Feature',
    properties: { code: f.properties[codeProp], name: f.properties[nameProp] },
    geometry: f.geometry,
  }));
  writeFileSync(path.join(OUT, out), JSON.stringify({ type: 'FeatureCollection', features }));
  console.log(`wrote data/reference/${out} (${features.length} features)`);
}
slimGeojson('boundaries/leeds-lsoa21.geojson', 'lsoa21.geojson', 'code', 'LSOA21NM');
slimGeojson('boundaries/leeds-msoa21.geojson', 'msoa21.geojson', 'code', 'MSOA21NM');
slimGeojson('boundaries/leeds-wards-wd24-approx.geojson', 'wards.geojson', 'WD24CD', 'WD24NM');
