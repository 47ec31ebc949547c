import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { basemapToShow, checkBasemap, checkTiles, LEEDS_CENTRE, policyAllows, readBasemap, tileOrigin, tileUrlOver } from '@/features/places/basemap';
import { BASEMAP_KEY } from '@/data/kept-data';

const OSM = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

function problemOf(template: string, attribution = '© OpenStreetMap contributors'): string {
  const checked = checkBasemap(template, attribution);
  return 'problem' in checked ? checked.problem : 'accepted';
}

function storageWith(value: string | null): Pick<Storage, 'getItem'> {
  return { getItem: (key) => (key === BASEMAP_KEY ? value : null) };
}

/** Runs index.html's own policy script against a stored value and returns the policy it sets. */
function policyAtOpen(stored: string | null): string {
  const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!script) throw new Error('index.html has no inline script');
  const metas: { httpEquiv: string; content: string }[] = [];
  const document = { createElement: () => ({ httpEquiv: '', content: '' }), head: { appendChild: (m: { httpEquiv: string; content: string }) => metas.push(m) } };
  new Function('localStorage', 'document', script)(storageWith(stored), document);
  expect(metas).toHaveLength(1);
  expect(metas[0]!.httpEquiv).toBe('Content-Security-Policy');
  return metas[0]!.content;
}

/** The sources a directive of a policy lists. */
function directive(policy: string, name: string): string[] {
  return policy.split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === name)?.slice(1) ?? [];
}

describe('checkBasemap', () => {
  it('accepts an https tile address, trimmed, with its attribution', () => {
    expect(checkBasemap(`  ${OSM} `, ' © OpenStreetMap contributors ')).toEqual({ basemap: { template: OSM, attribution: '© OpenStreetMap contributors' } });
  });

  it('accepts plain http only for a tile server on this computer', () => {
    expect(problemOf('http://localhost:8080/tiles/{z}/{x}/{y}.png')).toBe('accepted');
    expect(problemOf('http://127.0.0.1:8080/{z}/{x}/{y}.png')).toBe('accepted');
    expect(problemOf('http://tiles.example.org/{z}/{x}/{y}.png')).toMatch(/must start with https:\/\//);
  });

  it('refuses what is not a web address, a missing placeholder, a server named by a placeholder, and credentials', () => {
    expect(problemOf('')).toBe('Enter the address of the tiles.');
    expect(problemOf('tiles/{z}/{x}/{y}.png')).toMatch(/not a web address/);
    expect(problemOf('javascript:alert(1)//{z}/{x}/{y}')).toMatch(/not a web address/);
    expect(problemOf('https://tiles.example.org/{z}/{x}.png')).toBe("The tile address must contain {y}: where each tile's zoom, column and row go.");
    expect(problemOf('https://tiles.example.org/tile.png')).toMatch(/must contain \{z\}, \{x\}, \{y\}/);
    expect(problemOf('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toMatch(/name one server/);
    expect(problemOf('https://me:secret@tiles.example.org/{z}/{x}/{y}.png')).toMatch(/user name or password/);
    expect(problemOf(OSM, '  ')).toMatch(/Enter the attribution/);
  });
});

describe('tileOrigin and readBasemap', () => {
  it('gives the scheme, host and port tiles come from', () => {
    expect(tileOrigin('https://tiles.example.org:8443/a/{z}/{x}/{y}.png?key=1')).toBe('https://tiles.example.org:8443');
    expect(tileOrigin('http://localhost:80/{z}/{x}/{y}.png')).toBe('http://localhost');
  });

  it('reads back only a whole, valid setting', () => {
    const saved = { template: OSM, attribution: '© OpenStreetMap contributors' };
    expect(readBasemap(storageWith(JSON.stringify(saved)))).toEqual(saved);
    expect(readBasemap(storageWith(null))).toBeNull();
    expect(readBasemap(storageWith('{"template":'))).toBeNull();
    expect(readBasemap(storageWith(JSON.stringify({ template: OSM })))).toBeNull();
    expect(readBasemap(storageWith(JSON.stringify({ template: 'http://tiles.example.org/{z}/{x}/{y}.png', attribution: 'x' })))).toBeNull();
    expect(readBasemap({ getItem: () => { throw new Error('storage refused'); } })).toBeNull();
  });
});

describe('the policy index.html sets as the page opens', () => {
  it('allows no other origin when no basemap is saved', () => {
    const policy = policyAtOpen(null);
    expect(directive(policy, 'default-src')).toEqual(["'self'"]);
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(directive(policy, 'img-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", 'blob:']);
    expect(policyAllows(policy, 'https://tile.openstreetmap.org')).toBe(false);
  });

  it('adds the saved tile server, and only it, to connect-src and img-src', () => {
    const policy = policyAtOpen(JSON.stringify({ template: 'https://tiles.example.org:8443/{z}/{x}/{y}.png', attribution: 'Example' }));
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'blob:', 'data:', 'https://tiles.example.org:8443']);
    expect(directive(policy, 'img-src')).toEqual(["'self'", 'blob:', 'data:', 'https://tiles.example.org:8443']);
    expect(directive(policy, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", 'blob:']);
    expect(policyAllows(policy, 'https://tiles.example.org:8443')).toBe(true);
    expect(policyAllows(policy, 'https://tiles.example.org')).toBe(false);
  });

  it('agrees with the app on which stored settings count, so the map shows exactly the basemaps the page allows', () => {
    const stored = [
      { template: OSM, attribution: 'OSM' },
      { template: 'http://localhost:9000/{z}/{x}/{y}.png', attribution: 'Local' },
      { template: 'http://tiles.example.org/{z}/{x}/{y}.png', attribution: 'Plain http' },
      { template: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png', attribution: 'Placeholder host' },
      { template: 'https://me:pw@tiles.example.org/{z}/{x}/{y}.png', attribution: 'Credentials' },
      { template: 'https://tiles.example.org/{z}/{x}.png', attribution: 'No row' },
      { template: OSM, attribution: ' ' },
      { template: "https://tiles.example.org/{z}/{x}/{y}.png; script-src * 'unsafe-inline'", attribution: 'Injected' },
      { template: 'data:text/html,{z}{x}{y}', attribution: 'Data' },
    ];
    for (const value of stored) {
      const text = JSON.stringify(value);
      const policy = policyAtOpen(text);
      const app = readBasemap(storageWith(text));
      const extra = directive(policy, 'connect-src').slice(3);
      expect({ value, extra }).toEqual({ value, extra: app ? [tileOrigin(app.template)] : [] });
      expect(basemapToShow(app, policy)).toEqual(app);
      expect(directive(policy, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", 'blob:']);
    }
    expect(policyAtOpen('not json')).toBe(policyAtOpen(null));
  });

  it('shows a basemap saved after the page opened only if the page already allows its server', () => {
    const policy = policyAtOpen(JSON.stringify({ template: OSM, attribution: 'OSM' }));
    const samePlace = { template: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png?style=2', attribution: 'OSM' };
    expect(basemapToShow(samePlace, policy)).toEqual(samePlace);
    expect(basemapToShow({ template: 'https://tiles.example.org/{z}/{x}/{y}.png', attribution: 'Example' }, policy)).toBeNull();
    expect(basemapToShow(null, policy)).toBeNull();
  });
});

describe('the tile check', () => {
  const template = 'https://tiles.example.org/{z}/{x}/{y}.png';

  it('finds the tile over a point as the web-mercator tiling numbers it', () => {
    // worked by hand: x = ⌊(lon + 180) / 360 · 2^z⌋, y = ⌊(1 − ln(tan φ + sec φ) / π) / 2 · 2^z⌋;
    // Leeds (−1.5491°, 53.8008°) at zoom 10: x = ⌊507.59⌋, y = ⌊329.68⌋
    expect(tileUrlOver(template, LEEDS_CENTRE, 10)).toBe('https://tiles.example.org/10/507/329.png');
    expect(tileUrlOver(template, LEEDS_CENTRE, 0)).toBe('https://tiles.example.org/0/0/0.png');
    // just south-east of (0°, 0°) at zoom 1: the lower right of the four tiles
    expect(tileUrlOver(template, [0.001, -0.001], 1)).toBe('https://tiles.example.org/1/1/1.png');
    expect(tileUrlOver('https://t.example.org/{z}/{y}/{x}?z={z}', LEEDS_CENTRE, 10)).toBe('https://t.example.org/10/329/507?z=10');
  });

  it('names the status and the tile when the server answers with an error, and nothing otherwise', async () => {
    const asked: { url: string; init: RequestInit | undefined }[] = [];
    const answering =
      (status: number, statusText = '') =>
      async (url: RequestInfo | URL, init?: RequestInit) => {
        asked.push({ url: String(url), init });
        return new Response(status === 204 ? null : 'x', { status, statusText });
      };
    expect(await checkTiles(template, answering(404, 'Not Found'))).toBe(
      'the tile server answered 404 Not Found for the tile over Leeds, https://tiles.example.org/10/507/329.png',
    );
    expect(await checkTiles(template, answering(403))).toBe('the tile server answered 403 for the tile over Leeds, https://tiles.example.org/10/507/329.png');
    expect(await checkTiles(template, answering(200))).toBeNull();
    // a server out of reach, or refusing the page its tiles, is the map's own error to report
    expect(
      await checkTiles(template, async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toBeNull();
    // asked as the map asks: across origins, with no cookies, naming the app's origin alone
    expect(asked[0]!.init).toEqual({ mode: 'cors', credentials: 'omit', referrerPolicy: 'strict-origin' });
  });
});
