import { lazy, type ComponentType } from 'react';

// Each view is its own chunk, loaded when first opened: the charting and map libraries stay out of
// the first download.
const OverviewPage = lazy(() => import('@/features/overview/overview-page').then((m) => ({ default: m.OverviewPage })));
const TrendsPage = lazy(() => import('@/features/trends/trends-page').then((m) => ({ default: m.TrendsPage })));
const PlacesPage = lazy(() => import('@/features/places/places-page').then((m) => ({ default: m.PlacesPage })));
const DisproportionalityPage = lazy(() => import('@/features/disproportionality/disproportionality-page').then((m) => ({ default: m.DisproportionalityPage })));
const PartnershipPage = lazy(() => import('@/features/partnership/partnership-page').then((m) => ({ default: m.PartnershipPage })));
const EvaluatePage = lazy(() => import('@/features/evaluate/evaluate-page').then((m) => ({ default: m.EvaluatePage })));
const QualityPage = lazy(() => import('@/features/quality/quality-page').then((m) => ({ default: m.QualityPage })));
const DataPage = lazy(() => import('@/features/data/data-page').then((m) => ({ default: m.DataPage })));
const SqlPage = lazy(() => import('@/features/sql/sql-page').then((m) => ({ default: m.SqlPage })));

export interface RouteDef {
  path: string;
  label: string;
  component: ComponentType;
}

export const ROUTES: readonly RouteDef[] = [
  { path: '/', label: 'Overview', component: OverviewPage },
  { path: '/trends', label: 'Trends', component: TrendsPage },
  { path: '/places', label: 'Places', component: PlacesPage },
  { path: '/disproportionality', label: 'Disproportionality', component: DisproportionalityPage },
  { path: '/partnership', label: 'Partnership', component: PartnershipPage },
  { path: '/evaluate', label: 'Evaluate', component: EvaluatePage },
  { path: '/quality', label: 'Data quality', component: QualityPage },
  { path: '/data', label: 'Data', component: DataPage },
  { path: '/sql', label: 'SQL console', component: SqlPage },
];

export function findRoute(pathname: string): RouteDef | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return ROUTES.find((r) => r.path === path);
}
