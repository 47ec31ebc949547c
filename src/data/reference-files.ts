import databaseUrl from '../../data/reference/reference.duckdb.gz?url';
import lsoaGeoUrl from '../../data/reference/lsoa21.geojson?url';
import type { ReferenceFiles } from './reference-data';
import type { BoundaryCollection } from './place';

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Reference file ${url} could not be read (HTTP ${res.status})`);
  return res;
}

let fetching: Promise<ReferenceFiles> | null = null;

/** Fetches the reference data bundled with the app (same origin), once; started as the page opens. */
export function fetchReferenceFiles(): Promise<ReferenceFiles> {
  fetching ??= Promise.all([
    fetchOk(databaseUrl).then(async (r) => new Uint8Array(await r.arrayBuffer())),
    fetchOk(lsoaGeoUrl).then(async (r) => (await r.json()) as BoundaryCollection),
  ]).then(([database, lsoaBoundaries]) => ({ database, lsoaBoundaries }));
  fetching.catch(() => {
    fetching = null;
  });
  return fetching;
}
