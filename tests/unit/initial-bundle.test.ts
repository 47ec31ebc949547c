import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The modules the first page loads are those main.tsx reaches through static imports; each view
// and the loading of extracts come later, through import(). Libraries that only those need must
// stay out of that set, or every first open pays for parsing them.

const SRC = path.resolve('src');
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? path.join(SRC, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  if (/\.(css|json)$/.test(base) || spec.includes('?')) return null;
  for (const ext of ['', ...EXTENSIONS]) if (existsSync(base + ext) && /\.tsx?$/.test(base + ext)) return base + ext;
  throw new Error(`Cannot resolve ${spec} from ${from}`);
}

/** Static, non-type imports of a source file (`import type` and `import()` are left out). */
function staticImports(source: string): string[] {
  const out: string[] = [];
  const re = /^\s*(?:import(?!\s+type\b)(?:[^;'"]*?\bfrom)?|export\s+(?!type\b)[^;'"]*?\bfrom)\s*'([^']+)'/gm;
  for (const m of source.matchAll(re)) out.push(m[1]!);
  return out;
}

function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.') || spec.startsWith('@/')) {
        const next = resolve(file, spec);
        if (next) todo.push(next);
      } else {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
  }
  return { files, packages };
}

describe('the first page’s modules', () => {
  it('reads static imports and skips type-only ones', () => {
    const src = `import a from 'a';\nimport type { B } from 'b';\nimport { c,\n  d } from './c';\nimport './side';\nexport { e } from '@/e';\nexport type { F } from 'f';\nconst g = () => import('g');`;
    expect(staticImports(src)).toEqual(['a', './c', './side', '@/e']);
  });

  it('leave out the map, charts, Parquet, CSV parsing and grid conversion', () => {
    const { files, packages } = reach(path.join(SRC, 'main.tsx'));
    expect(files.size).toBeGreaterThan(10);
    expect([...packages].sort()).toEqual(expect.arrayContaining(['@duckdb/duckdb-wasm', 'react', 'react-dom']));
    for (const lib of ['maplibre-gl', 'recharts', 'hyparquet', 'hyparquet-compressors', 'hyparquet-writer', 'papaparse', 'proj4']) {
      expect(packages.has(lib), lib).toBe(false);
    }
  });
});
