#!/usr/bin/env node
// Writes the synthetic demo extracts to data/demo/*.csv.gz (deterministic: same seed, same bytes).
// Needs data/reference (npm run reference-data). Usage: node scripts/generate-demo-data.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import Papa from 'papaparse';
import { generateDemo, END_MONTH, START_MONTH } from './demo/generator.mjs';

const table = (file) => Papa.parse(readFileSync(`data/reference/${file}`, 'utf8'), { header: true, skipEmptyLines: true }).data;
const lsoas = table('lsoa.csv');
const ethnicity = table('lsoa-ethnicity.csv');
const boundaries = JSON.parse(readFileSync('data/reference/lsoa21.geojson', 'utf8'));
const { files, counts } = generateDemo({ lsoas, ethnicity, boundaries });
mkdirSync('data/demo', { recursive: true });
for (const [source, text] of Object.entries(files)) {
  const out = path.join('data/demo', `${source}.csv.gz`);
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  writeFileSync(out, gz);
  console.log(`wrote ${out}: ${counts[source]} rows, ${(gz.length / 1024).toFixed(0)} KB`);
}
console.log(`months ${START_MONTH} to ${END_MONTH}`);
