import { startDuckDb } from './duckdb-browser';
import { demoWanted, fetchDemoDatabase } from './demo-files';
import { fetchReferenceFiles } from './reference-files';

// Imported first by main.tsx, so that it runs before the rest of the app's modules are evaluated:
// DuckDB's worker and its WebAssembly take the longest to start, and the reference and demo
// databases can be fetched meanwhile. (The app's queries pick up the same promises; a failure is
// reported there.)
void startDuckDb().catch(() => undefined);
void fetchReferenceFiles().catch(() => undefined);
if (demoWanted(window.location.search)) void fetchDemoDatabase().catch(() => undefined);
