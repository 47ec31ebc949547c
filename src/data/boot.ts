import { startDuckDb } from './duckdb-browser';
import { demoWanted, fetchDemoTables } from './demo-files';

// Imported first by main.tsx, so that it runs before the rest of the app's modules are evaluated:
// DuckDB's worker and its WebAssembly take the longest to start, and the demo tables can be
// fetched meanwhile. (The app's queries pick up the same promises; a failure is reported there.)
void startDuckDb().catch(() => undefined);
if (demoWanted(window.location.search)) void fetchDemoTables().catch(() => undefined);
