import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { duckdbWasm, ISOLATION_HEADERS } from './scripts/duckdb-wasm.mjs';

export default defineConfig({
  // duckdbWasm: DuckDB's module without the exports only extensions would use (see the script)
  plugins: [react(), duckdbWasm(fileURLToPath(new URL('.', import.meta.url)))],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // duckdb-wasm ships its own workers and wasm; pre-bundling breaks their relative URLs (and the dev
  // server took the threaded build's patched worker scripts for dependencies to pre-bundle)
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'vrp:duckdb-eh.worker.js?url', 'vrp:duckdb-mvp.worker.js?url', 'vrp:duckdb-coi.worker.js?url', 'vrp:duckdb-coi.pthread.worker.js?url'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000, assetsInlineLimit: 0 },
  worker: { format: 'es' },
  // cross-origin isolated, for DuckDB's threaded build; a host without the headers gets the single-threaded one
  server: { port: 5173, headers: ISOLATION_HEADERS },
  preview: { port: 4173, headers: ISOLATION_HEADERS },
});
