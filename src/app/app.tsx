import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useEffect, useState } from 'react';
import { Link, useLocation } from '@/lib/router';
import { createQueryClient } from './query-client';
import { findRoute, ROUTES } from './routes';
import { DbStatusBadge } from './db-status-badge';
import { RegionPicker } from './region-picker';
import { NotFound } from './not-found';
import { Footer } from './footer';
import { DemoBanner } from './demo-banner';
import { PublishBanner } from './publish-banner';
import { demoWanted, fetchFirstOpenAnswers } from '@/data/demo-files';
import { seedFirstOpen } from '@/data/first-open';
import { parseRegion } from '@/data/region';
import { readKeptNote } from '@/data/kept-data';
import { useRefuseStrayFileDrops } from '@/lib/use-page-file-drop';
import { useWarnBeforeLeaving } from '@/data/leave-warning';
import { useFollowKeptCopy } from '@/data/use-kept-data';

const DEMO_WANTED_AT_OPEN = demoWanted(window.location.search);
const REGION_AT_OPEN = parseRegion(window.location.search).region;
const KEPT_AT_OPEN = readKeptNote() !== null;

function Shell() {
  const location = useLocation();
  const route = findRoute(location.pathname);
  const Page = route?.component ?? NotFound;
  // a file dropped where no page takes it would replace the app, and what it had loaded
  useRefuseStrayFileDrops();
  // partner extracts live only in this tab: closing or reloading it asks first
  useWarnBeforeLeaving();
  // a kept copy this tab owns takes in every change to the loaded data, made in any view
  useFollowKeptCopy();

  useEffect(() => {
    document.title = `${route?.label ?? 'Not found'} · Partnership Violence Dashboard`;
  }, [route]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>
            <strong>Partnership Violence Dashboard</strong>
            <span className="brand-sub">Serious youth violence · Violence Reduction Partnership</span>
          </span>
        </div>
        <div className="topbar-right">
          <RegionPicker />
          <DbStatusBadge demoWanted={DEMO_WANTED_AT_OPEN} keptAtOpen={KEPT_AT_OPEN} />
        </div>
      </header>
      <nav className="sidenav" aria-label="Views">
        <ul>
          {ROUTES.map((r) => (
            <li key={r.path}>
              <Link to={r.path + location.search} aria-current={route?.path === r.path ? 'page' : undefined}>
                {r.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <DemoBanner />
        <PublishBanner />
        <Suspense fallback={<p role="status" className="muted">Opening the view…</p>}>
          <Page />
        </Suspense>
        <Footer />
      </main>
    </div>
  );
}

export function App() {
  const [client] = useState(createQueryClient);
  useEffect(() => {
    if (!DEMO_WANTED_AT_OPEN) return;
    let mounted = true;
    // the demo's figures for the overview while DuckDB starts (first-open.ts)
    void fetchFirstOpenAnswers(REGION_AT_OPEN).then((answers) => {
      if (mounted && answers) seedFirstOpen(client, answers);
    });
    return () => {
      mounted = false;
    };
  }, [client]);
  return (
    <QueryClientProvider client={client}>
      <Shell />
    </QueryClientProvider>
  );
}
