import type { ComponentType } from 'react';
import { OverviewPage } from '@/features/overview/overview-page';
import { TrendsPage } from '@/features/trends/trends-page';
import { PlacesPage } from '@/features/places/places-page';
import { DisproportionalityPage } from '@/features/disproportionality/disproportionality-page';
import { PartnershipPage } from '@/features/partnership/partnership-page';
import { QualityPage } from '@/features/quality/quality-page';
import { DataPage } from '@/features/data/data-page';
import { SqlPage } from '@/features/sql/sql-page';

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
  { path: '/quality', label: 'Data quality', component: QualityPage },
  { path: '/data', label: 'Data', component: DataPage },
  { path: '/sql', label: 'SQL console', component: SqlPage },
];

export function findRoute(pathname: string): RouteDef | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return ROUTES.find((r) => r.path === path);
}
