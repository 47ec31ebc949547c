import proj4 from 'proj4';

// British National Grid (OSGB36 / EPSG:27700) with the standard 7-parameter shift to WGS84,
// accurate to a few metres: plenty for finding an LSOA. Its own module, so that proj4 loads only
// with the loading of extracts, not with the first page.
const BNG =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';
const toWgs84 = proj4(BNG, 'WGS84');

/** Easting/northing (metres) → [longitude, latitude]. */
export function bngToWgs84(easting: number, northing: number): [number, number] {
  const [lon, lat] = toWgs84.forward([easting, northing]);
  return [lon!, lat!];
}
