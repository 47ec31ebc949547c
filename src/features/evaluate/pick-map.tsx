import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { maplibregl, newAreaMap, onAreaPointer, showBounds, type Bounds } from '@/components/area-map-base';
import type { Boundary } from '@/data/boundaries';

export type Role = 'intervention' | 'comparison' | 'ring';

export const ROLE_COLOURS: Record<Role, string> = { intervention: '#6d28d9', comparison: '#0f766e', ring: '#f59e0b' };

interface Props {
  shapes: readonly Boundary[];
  roles: ReadonlyMap<string, Role>;
  onToggle: (code: string) => void;
  describe: (code: string) => string;
  /** the partnership's area, shown whole at first and whenever it changes */
  home: Bounds;
}

/**
 * A small map of the areas of one level, coloured by their part in the evaluation; clicking an
 * area adds it to the intervention or takes it out. Plain background, no tiles: nothing is fetched.
 */
function PickMapView({ shapes, roles, onToggle, describe, home }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [hover, setHover] = useState<{ x: number; y: number; code: string } | null>(null);
  const toggle = useRef(onToggle);
  const firstHome = useRef(home);
  useEffect(() => {
    toggle.current = onToggle;
  }, [onToggle]);
  useEffect(() => {
    if (ready && map.current && home !== firstHome.current) showBounds(map.current, home);
  }, [ready, home]);
  const data = useMemo(
    () => ({ type: 'FeatureCollection' as const, features: shapes.map((s) => ({ type: 'Feature' as const, properties: { code: s.code }, geometry: s.geometry })) }),
    [shapes],
  );

  useEffect(() => {
    if (!container.current) return;
    const m = newAreaMap(container.current, firstHome.current);
    m.on('load', () => {
      m.addSource('areas', { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'code' });
      m.addLayer({
        id: 'areas-fill',
        type: 'fill',
        source: 'areas',
        paint: {
          'fill-color': ['match', ['coalesce', ['feature-state', 'role'], ''], 'intervention', ROLE_COLOURS.intervention, 'comparison', ROLE_COLOURS.comparison, 'ring', ROLE_COLOURS.ring, '#ffffff'],
          'fill-opacity': 0.85,
        },
      });
      m.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#6b7280', 'line-width': 0.6 } });
      onAreaPointer(m, 'areas-fill', { hover: setHover, click: (code) => toggle.current(code) });
      setReady(true);
    });
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) (map.current?.getSource('areas') as maplibregl.GeoJSONSource | undefined)?.setData(data);
  }, [ready, data]);
  useEffect(() => {
    const m = map.current;
    if (!ready || !m) return;
    for (const s of shapes) m.setFeatureState({ source: 'areas', id: s.code }, { role: roles.get(s.code) ?? '' });
  }, [ready, shapes, roles]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map pick-map" data-ready={ready ? 'true' : 'false'} role="region" aria-label="Map: click an area to add it to the intervention or take it out; the area box does the same by keyboard" />
      {hover && (
        <div className="map-tooltip" style={{ left: hover.x + 12, top: hover.y + 12 }} role="status">
          {describe(hover.code)}
        </div>
      )}
    </div>
  );
}

export const PickMap = memo(PickMapView);
