import 'maplibre-gl/dist/maplibre-gl.css';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Region } from '@/data/region';

// What every map of the app's areas shares: maplibre's worker (set from a local file, or the
// GeoJSON layers never draw once bundled), a plain background with no tiles (so nothing is
// fetched), the partnership's area in view, and the pointer over an area layer reported by the
// area's code.

maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };

/** Shows `bounds` whole (when the partnership's area changes). */
export function showBounds(map: maplibregl.Map, bounds: Bounds): void {
  map.fitBounds(bounds, { duration: 0 });
}

export type Bounds = [west: number, south: number, east: number, north: number];

/** Each partnership area's extent (West Yorkshire's from its districts' boundaries). */
export const REGION_BOUNDS: Readonly<Record<Region, Bounds>> = {
  leeds: [-1.81, 53.69, -1.28, 53.95],
  wy: [-2.18, 53.51, -1.19, 53.97],
};

/** A map of `bounds` on a plain background, with zoom buttons; `transformRequest` for a basemap's tiles. */
export function newAreaMap(container: HTMLElement, bounds: Bounds, transformRequest?: maplibregl.RequestTransformFunction): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }] },
    bounds,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
    dragRotate: false,
    ...(transformRequest ? { transformRequest } : {}),
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  return map;
}

/**
 * Reports the pointer over a layer of areas by each feature's `code`: where it hovers (null when it
 * leaves) and which is clicked; the cursor shows a hand over an area.
 */
export function onAreaPointer(
  map: maplibregl.Map,
  layer: string,
  handlers: { hover: (at: { x: number; y: number; code: string } | null) => void; click: (code: string) => void },
): void {
  map.on('mousemove', layer, (e) => {
    const code = e.features?.[0]?.properties?.code;
    map.getCanvas().style.cursor = 'pointer';
    if (typeof code === 'string') handlers.hover({ x: e.point.x, y: e.point.y, code });
  });
  map.on('mouseleave', layer, () => {
    map.getCanvas().style.cursor = '';
    handlers.hover(null);
  });
  map.on('click', layer, (e) => {
    const code = e.features?.[0]?.properties?.code;
    if (typeof code === 'string') handlers.click(code);
  });
}
