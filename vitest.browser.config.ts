import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { duckdbWasm } from './scripts/duckdb-wasm.mjs';

// Browser tests drive the built app in real Chromium; they run one file at a time to keep
// a 2-core machine responsive and the timings honest.
export default defineConfig({
  plugins: [duckdbWasm(fileURLToPath(new URL('.', import.meta.url)))],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/global-setup.ts'],
    testTimeout: 60000,
    hookTimeout: 90000,
    fileParallelism: false,
    pool: 'forks',
  },
});
