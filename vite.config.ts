import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { duckdbWasm } from './scripts/duckdb-wasm.mjs';

// Cross-origin isolation: the page may then share memory with its workers, which DuckDB's threaded
// build needs. A host that does not send these headers gets the single-threaded build.
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  // duckdbWasm: DuckDB's module without the exports only extensions would use (see the script)
  plugins: [react(), duckdbWasm(fileURLToPath(new URL('.', import.meta.url)))],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // duckdb-wasm ships its own workers and wasm; pre-bundling breaks their relative URLs (and the dev
  // server took the threaded build's patched worker scripts for dependencies to pre-bundle)
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'vrp:duckdb-coi.worker.js?url', 'vrp:duckdb-coi.pthread.worker.js?url'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000, assetsInlineLimit: 0 },
  worker: { format: 'es' },
  server: { port: 5173, headers: ISOLATION },
  preview: { port: 4173, headers: ISOLATION },
});
