import { useEffect, useRef, useState, memo } from 'react';
import { maplibregl, newAreaMap, onAreaPointer, showBounds, type Bounds } from '@/components/area-map-base';
import type { Basemap } from './basemap';
import type { FeatureCollection, LabelPoint } from './map-shapes';

const BASEMAP_SOURCE = 'basemap';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

interface Props {
  /** the shapes of the areas, each with its code */
  areas: FeatureCollection;
  /** each area's colour by code (white when missing) */
  fills: ReadonlyMap<string, string>;
  wards: FeatureCollection;
  labels: readonly LabelPoint[];
  points: FeatureCollection | null;
  selected: string | null;
  /** the box to fit when the selection changes: [west, south, east, north] */
  focus: Bounds | null;
  /** the partnership's area, shown whole at first and whenever it changes */
  home: Bounds;
  onSelect: (code: string) => void;
  describe: (code: string) => string;
  /** tiles to draw under the areas (only one the page's policy allows), or null for none */
  basemap: Basemap | null;
  /** called once when the basemap's tiles fail to load */
  onBasemapError: (message: string) => void;
}

const FILL_OPACITY = 0.88;
/** lighter over a basemap, so its streets show through */
const FILL_OPACITY_OVER_TILES = 0.6;

/**
 * The map: the reference boundaries on a plain background, with no tiles (so nothing is fetched)
 * unless the user has set a basemap (basemap.ts). Ward names are HTML labels (a style's text needs
 * glyphs from a server). Colours are set as each area's feature state, so new figures repaint the
 * map without cutting its shapes into tiles again.
 */
function AreaMapView({ areas, fills, wards, labels, points, selected, focus, home, onSelect, describe, basemap, onBasemapError }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [hover, setHover] = useState<{ x: number; y: number; code: string } | null>(null);
  const select = useRef(onSelect);
  const tileError = useRef(onBasemapError);
  const firstHome = useRef(home);
  useEffect(() => {
    select.current = onSelect;
    tileError.current = onBasemapError;
  }, [onSelect, onBasemapError]);

  useEffect(() => {
    if (!container.current) return;
    // the only requests the map makes are a basemap's tiles: they name this site's origin (tile
    // providers such as OpenStreetMap refuse tiles to requests without a referrer), never the
    // page's path or its filters
    const m = newAreaMap(container.current, firstHome.current, (url) => ({ url, referrerPolicy: 'strict-origin' }));
    m.on('load', () => {
      m.addSource('areas', { type: 'geojson', data: EMPTY, promoteId: 'code' });
      m.addSource('wards', { type: 'geojson', data: EMPTY });
      m.addSource('points', { type: 'geojson', data: EMPTY });
      m.addLayer({ id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': ['coalesce', ['feature-state', 'fill'], '#ffffff'], 'fill-opacity': FILL_OPACITY, 'fill-antialias': false } });
      m.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#ffffff', 'line-width': 0.6 } });
      m.addLayer({ id: 'wards-line', type: 'line', source: 'wards', paint: { 'line-color': '#4b5563', 'line-width': 1.2 } });
      m.addLayer({ id: 'points', type: 'circle', source: 'points', minzoom: 12, paint: { 'circle-radius': 3, 'circle-color': '#1c2430', 'circle-opacity': 0.7 } });
      m.addLayer({ id: 'selected-line', type: 'line', source: 'areas', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#000000', 'line-width': 3 } });
      onAreaPointer(m, 'areas-fill', { hover: setHover, click: (code) => select.current(code) });
      m.on('error', (e) => {
        if ('sourceId' in e && e.sourceId === BASEMAP_SOURCE) tileError.current(e.error.message);
      });
      setReady(true);
    });
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!ready || !m || !basemap) return;
    m.addSource(BASEMAP_SOURCE, { type: 'raster', tiles: [basemap.template], tileSize: 256, maxzoom: 19 });
    m.addLayer({ id: BASEMAP_SOURCE, type: 'raster', source: BASEMAP_SOURCE }, 'areas-fill');
    m.setPaintProperty('areas-fill', 'fill-opacity', FILL_OPACITY_OVER_TILES);
    return () => {
      if (map.current !== m) return; // the map itself is gone
      m.removeLayer(BASEMAP_SOURCE);
      m.removeSource(BASEMAP_SOURCE);
      m.setPaintProperty('areas-fill', 'fill-opacity', FILL_OPACITY);
    };
  }, [ready, basemap]);

  // one effect per source: a source is given new data only when its own data changes, as each
  // new data set is cut into tiles again and drawn again
  useEffect(() => {
    if (ready) (map.current?.getSource('areas') as maplibregl.GeoJSONSource | undefined)?.setData(areas);
  }, [ready, areas]);
  useEffect(() => {
    const m = map.current;
    if (!ready || !m) return;
    for (const f of areas.features) {
      const code = f.properties.code;
      if (typeof code === 'string') m.setFeatureState({ source: 'areas', id: code }, { fill: fills.get(code) ?? '#ffffff' });
    }
  }, [ready, areas, fills]);
  useEffect(() => {
    if (ready) (map.current?.getSource('wards') as maplibregl.GeoJSONSource | undefined)?.setData(wards);
  }, [ready, wards]);
  useEffect(() => {
    if (ready) (map.current?.getSource('points') as maplibregl.GeoJSONSource | undefined)?.setData(points ?? EMPTY);
  }, [ready, points]);
  useEffect(() => {
    if (ready) map.current?.setFilter('selected-line', ['==', ['get', 'code'], selected ?? '']);
  }, [ready, selected]);

  useEffect(() => {
    if (ready && map.current && home !== firstHome.current) showBounds(map.current, home);
  }, [ready, home]);
  useEffect(() => {
    if (!ready || !map.current || !focus) return;
    map.current.fitBounds(focus, { padding: 60, maxZoom: 14, duration: 0 });
  }, [ready, focus]);

  useEffect(() => {
    if (!ready || !map.current) return;
    const markers = labels.map((l) => {
      const el = document.createElement('div');
      el.className = 'ward-label';
      el.textContent = l.name;
      return new maplibregl.Marker({ element: el }).setLngLat([l.lon, l.lat]).addTo(map.current!);
    });
    return () => markers.forEach((mk) => mk.remove());
  }, [ready, labels]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" data-ready={ready ? 'true' : 'false'} aria-label="Map of the partnership's areas; use the ranking table for the same numbers" role="region" />
      {hover && (
        <div className="map-tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }} role="status">
          {describe(hover.code)}
        </div>
      )}
      {basemap && <div className="map-attribution">Basemap: {basemap.attribution}</div>}
    </div>
  );
}

// Redrawn only when their own figures change, not on every render of the page.
export const AreaMap = memo(AreaMapView);
