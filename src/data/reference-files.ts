import lsoaCsvUrl from '../../data/reference/lsoa.csv?url';
import msoaCsvUrl from '../../data/reference/msoa.csv?url';
import wardCsvUrl from '../../data/reference/ward.csv?url';
import ethnicityCsvUrl from '../../data/reference/ethnicity-population.csv?url';
import lsoaGeoUrl from '../../data/reference/lsoa21.geojson?url';
import msoaGeoUrl from '../../data/reference/msoa21.geojson?url';
import wardGeoUrl from '../../data/reference/wards.geojson?url';
import type { ReferenceFiles } from './reference-data';
import type { BoundaryCollection } from './place';

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Reference file ${url} could not be read (HTTP ${res.status})`);
  return res;
}

const text = async (url: string) => (await fetchOk(url)).text();
const geo = async (url: string) => (await (await fetchOk(url)).json()) as BoundaryCollection;

/** Fetches the reference data bundled with the app (same origin). */
export async function fetchReferenceFiles(): Promise<ReferenceFiles> {
  const [lsoaCsv, msoaCsv, wardCsv, ethnicityCsv, lsoaBoundaries, msoaBoundaries, wardBoundaries] = await Promise.all([
    text(lsoaCsvUrl),
    text(msoaCsvUrl),
    text(wardCsvUrl),
    text(ethnicityCsvUrl),
    geo(lsoaGeoUrl),
    geo(msoaGeoUrl),
    geo(wardGeoUrl),
  ]);
  return { lsoaCsv, msoaCsv, wardCsv, ethnicityCsv, lsoaBoundaries, msoaBoundaries, wardBoundaries };
}
