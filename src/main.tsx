import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import '@/app/styles.css';
import { startDuckDb } from '@/data/duckdb-browser';

// DuckDB's worker and its WebAssembly take the longest to start: begin before the first render.
// (The app's session query picks up the same start; a failure is reported there.)
void startDuckDb().catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
