import { startDuckDb } from './duckdb-browser';
import { demoWanted, fetchDemoDatabase, fetchFirstOpenAnswers } from './demo-files';
import { fetchReferenceFiles } from './reference-files';
import { parseRegion } from './region';

// Imported first by main.tsx, so that it runs before the rest of the app's modules are evaluated:
// DuckDB's worker and its WebAssembly take the longest to start, and the reference and demo
// databases can be fetched meanwhile, with the demo's first-open answers, which the overview shows
// until DuckDB is ready. (The app picks up the same promises; a failure is reported there.)
void startDuckDb().catch(() => undefined);
void fetchReferenceFiles().catch(() => undefined);
if (demoWanted(window.location.search)) {
  void fetchFirstOpenAnswers(parseRegion(window.location.search).region);
  void fetchDemoDatabase().catch(() => undefined);
}
