import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { duckdbWasm } from './scripts/duckdb-wasm.mjs';

export default defineConfig({
  // duckdbWasm: DuckDB's module without the exports only extensions would use (see the script)
  plugins: [react(), duckdbWasm(fileURLToPath(new URL('.', import.meta.url)))],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  // duckdb-wasm ships its own workers and wasm; pre-bundling breaks their relative URLs.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000, assetsInlineLimit: 0 },
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173 },
});
