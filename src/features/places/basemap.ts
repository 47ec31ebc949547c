// A basemap under the map: raster tiles from a server the user names. Nothing is fetched from any
// other origin, so the page's Content-Security-Policy allows a tile server only when one is set.
// index.html writes that policy as the page opens, from the same stored setting; a setting
// changed later therefore takes effect at the next page open.

// Where the setting is kept (only once the user saves one): BASEMAP_KEY, which index.html reads too.
import { BASEMAP_KEY } from '@/data/kept-data';

export interface Basemap {
  /** tile address with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png */
  template: string;
  /** the credit the tile provider asks for, shown on the map as plain text */
  attribution: string;
}

const PLACEHOLDERS = ['{z}', '{x}', '{y}'] as const;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL of a template with its placeholders filled in, or null when it is not a URL. */
function sampleUrl(template: string): URL | null {
  try {
    return new URL(template.replace(/\{[a-z]+\}/g, '0'));
  } catch {
    return null;
  }
}

/**
 * Checks what the user typed. A tile server must be reached over https, except one on this
 * computer (a local tile server is reached over http); the address must not carry a user name
 * or password, and must say where the zoom, column and row of each tile go.
 */
export function checkBasemap(templateText: string, attributionText: string): { basemap: Basemap } | { problem: string } {
  const template = templateText.trim();
  const attribution = attributionText.trim();
  if (template === '') return { problem: 'Enter the address of the tiles.' };
  const url = sampleUrl(template);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return { problem: 'The tile address is not a web address: it should start with https://.' };
  }
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    return { problem: 'The tile address must start with https:// (plain http is allowed only for a tile server on this computer).' };
  }
  if (url.username !== '' || url.password !== '') return { problem: 'The tile address must not contain a user name or password.' };
  const missing = PLACEHOLDERS.filter((p) => !template.includes(p));
  if (missing.length > 0) {
    return { problem: `The tile address must contain ${missing.join(', ')}: where each tile's zoom, column and row go.` };
  }
  if (template.split('/')[2]?.includes('{')) {
    return { problem: 'The tile address must name one server: no {…} in the server’s name.' };
  }
  if (attribution === '') return { problem: 'Enter the attribution the tile provider asks for (for example © OpenStreetMap contributors).' };
  return { basemap: { template, attribution } };
}

/** The origin tiles of this template come from (scheme, host and port). */
export function tileOrigin(template: string): string {
  const url = sampleUrl(template);
  if (!url) throw new Error(`Not a tile address: ${template}`);
  return url.origin;
}

/** The saved basemap, or null when none is saved or what is saved is not a valid one. */
export function readBasemap(storage: Pick<Storage, 'getItem'>): Basemap | null {
  try {
    const saved: unknown = JSON.parse(storage.getItem(BASEMAP_KEY) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return null;
    const { template, attribution } = saved as Record<string, unknown>;
    if (typeof template !== 'string' || typeof attribution !== 'string') return null;
    const checked = checkBasemap(template, attribution);
    return 'basemap' in checked ? checked.basemap : null;
  } catch {
    return null;
  }
}

export function saveBasemap(storage: Pick<Storage, 'setItem'>, basemap: Basemap): void {
  storage.setItem(BASEMAP_KEY, JSON.stringify(basemap));
}

export function forgetBasemap(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(BASEMAP_KEY);
}

/**
 * Whether a Content-Security-Policy lets the page fetch from `origin`: it must be listed in
 * connect-src (maplibre fetches tiles) and img-src. The policy is the one the page opened with.
 */
export function policyAllows(policy: string, origin: string): boolean {
  const sources = (name: string) =>
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find((d) => d[0] === name)
      ?.slice(1) ?? [];
  return sources('connect-src').includes(origin) && sources('img-src').includes(origin);
}

/** The basemap the map may draw: the saved one, if the policy the page opened with allows its server. */
export function basemapToShow(saved: Basemap | null, policy: string): Basemap | null {
  return saved && policyAllows(policy, tileOrigin(saved.template)) ? saved : null;
}

/** The Content-Security-Policy the page opened with (index.html writes it). */
export function pagePolicy(doc: Pick<Document, 'querySelector'>): string {
  return doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
}

/** The saved basemap in this browser's storage, or null (also when the browser refuses storage). */
export function savedBasemap(): Basemap | null {
  try {
    return readBasemap(localStorage);
  } catch {
    return null;
  }
}

/** Leeds city centre (longitude, latitude), where the tile check looks. */
export const LEEDS_CENTRE: readonly [number, number] = [-1.5491, 53.8008];
/** The zoom of the tile checked: about a ward across, as the map first shows Leeds. */
export const CHECKED_ZOOM = 10;

/** The address of the tile over a point at a zoom, in the usual web-mercator tiling (the map's). */
export function tileUrlOver(template: string, [lon, lat]: readonly [number, number], zoom: number): string {
  const n = 2 ** zoom;
  const rad = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return template.replaceAll('{z}', String(zoom)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y));
}

/**
 * Asks the tile server for the tile over Leeds, as the map would: what is wrong if it answers with
 * an error, or null. The map itself says nothing of a tile the server has not got (a 404 is how a
 * server says it has no tile there), so a wrong path would otherwise leave the map bare without a
 * word. A server that cannot be reached, or refuses the page its tiles, is left to the map's own
 * error (area-map.tsx). The request names the app's origin alone, as the map's do.
 */
export async function checkTiles(template: string, fetcher: typeof fetch = fetch): Promise<string | null> {
  const url = tileUrlOver(template, LEEDS_CENTRE, CHECKED_ZOOM);
  let res: Response;
  try {
    res = await fetcher(url, { mode: 'cors', credentials: 'omit', referrerPolicy: 'strict-origin' });
  } catch {
    return null;
  }
  if (res.ok) return null;
  return `the tile server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''} for the tile over Leeds, ${url}`;
}
