import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import '@/app/styles.css';
import { startDuckDb } from '@/data/duckdb-browser';
import { demoWanted, fetchDemoTables } from '@/data/demo-files';

// DuckDB's worker and its WebAssembly take the longest to start: begin before the first render,
// and fetch the demo tables meanwhile. (The app's queries pick up the same promises; a failure is
// reported there.)
void startDuckDb().catch(() => undefined);
if (demoWanted(window.location.search)) void fetchDemoTables().catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
