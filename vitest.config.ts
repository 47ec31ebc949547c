import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { duckdbWasm } from './scripts/duckdb-wasm.mjs';

export default defineConfig({
  plugins: [duckdbWasm(fileURLToPath(new URL('.', import.meta.url)))],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
  },
});
