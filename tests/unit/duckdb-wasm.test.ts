import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { guardedWorker, guardedWorkers, namesIn, NO_ROOM_MESSAGE, patchedWorker, threadedDuckdb, trimExports, trimmedDuckdbWasm, workerExports } from '../../scripts/duckdb-wasm.mjs';

// A module written out by hand: three functions returning 1, 2 and 3, exported as one, two and
// three, and a custom section "note" holding the bytes 9 8 7.
const TYPE = [1, 5, 1, 0x60, 0, 1, 0x7f];
const FUNCS = [3, 4, 3, 0, 0, 0];
const name = (s: string) => [s.length, ...new TextEncoder().encode(s)];
const exportsOf = (names: [string, number][]) => {
  const body = [names.length, ...names.flatMap(([n, i]) => [...name(n), 0, i])];
  return [7, body.length, ...body];
};
const CODE = [10, 16, 3, ...[1, 2, 3].flatMap((v) => [4, 0, 0x41, v, 0x0b])];
const NOTE = [0, 8, ...name('note'), 9, 8, 7];
const module = (exported: [string, number][]) =>
  Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...NOTE, ...TYPE, ...FUNCS, ...exportsOf(exported), ...CODE]);

describe('trimming a WebAssembly module’s exports', () => {
  const original = module([['one', 0], ['two', 1], ['three', 2]]);

  it('keeps the exports asked for, each still calling its own function', async () => {
    expect(WebAssembly.validate(original)).toBe(true);
    const { bytes, kept, total } = trimExports(original, (n: string) => n !== 'two');
    expect([kept, total]).toEqual([2, 3]);
    const instance = await WebAssembly.instantiate(new WebAssembly.Module(bytes));
    const fns = instance.exports as Record<string, () => number>;
    expect(Object.keys(fns)).toEqual(['one', 'three']);
    expect([fns.one!(), fns.three!()]).toEqual([1, 3]);
  });

  it('changes nothing but the export section', () => {
    const { bytes } = trimExports(original, (n: string) => n === 'three');
    // the same module written by hand with only that export
    expect([...bytes]).toEqual([...module([['three', 2]])]);
    expect([...new Uint8Array(WebAssembly.Module.customSections(new WebAssembly.Module(bytes), 'note')[0]!)]).toEqual([9, 8, 7]);
  });

  it('refuses what is not a module, and a module whose export section is cut short', () => {
    expect(() => trimExports(new TextEncoder().encode('not wasm'), () => true)).toThrow(/Not a WebAssembly module/);
    const cut = module([['one', 0]]);
    const at = cut.indexOf(7, 8 + NOTE.length + TYPE.length + FUNCS.length);
    cut[at + 1] = cut[at + 1]! + 1; // the section claims one byte more than its entries take
    expect(() => trimExports(cut, () => true)).toThrow();
  });
});

describe('DuckDB’s module as the app ships it', () => {
  const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const worker = readFileSync(path.join(dist, 'duckdb-browser-eh.worker.js'), 'utf8');

  it('exports everything the worker script names, the dynCall_ helpers, and nothing else', () => {
    const shipped = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(trimmedDuckdbWasm(process.cwd())))).map((e) => e.name);
    const all = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(path.join(dist, 'duckdb-eh.wasm')))).map((e) => e.name);
    const named = namesIn(worker);
    const reachable = all.filter((n) => named.has(n) || named.has(`_${n}`) || named.has(`__${n}`) || n.startsWith('dynCall_'));
    expect(shipped).toEqual(reachable);
    expect(shipped).toContain('duckdb_web_query_run');
    expect(shipped).toContain('duckdb_web_insert_arrow_from_ipc_stream');
    expect(shipped.filter((n) => n.startsWith('dynCall_')).length).toBe(all.filter((n) => n.startsWith('dynCall_')).length);
    // the rest were there for extensions, which the app never loads
    expect(shipped.length).toBeLessThan(all.length / 100);
    expect(workerExports(worker)('duckdb_web_open')).toBe(true);
  });
});

describe('DuckDB’s threaded build as the app ships it', () => {
  const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-coi.wasm'));
  const scripts = ['duckdb-browser-coi.worker.js', 'duckdb-browser-coi.pthread.worker.js'].map((f) => readFileSync(path.join(dist, f), 'utf8'));
  const shipped = threadedDuckdb(process.cwd());

  it('exports what either of its worker scripts names, and the dynCall_ helpers', () => {
    const exported = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(shipped.wasm))).map((e) => e.name);
    const all = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(path.join(dist, 'duckdb-coi.wasm')))).map((e) => e.name);
    const named = scripts.map(namesIn);
    const reachable = all.filter((n) => named.some((s) => s.has(n) || s.has(`_${n}`) || s.has(`__${n}`)) || n.startsWith('dynCall_'));
    expect(exported).toEqual(reachable);
    expect(exported).toContain('duckdb_web_query_run');
    expect(exported.length).toBeLessThan(all.length / 50);
  });

  // Emscripten's own pieces of the script, run with a memory that another thread has grown
  const piece = (script: string, re: RegExp) => {
    const found = script.match(re);
    if (!found) throw new Error(`not found: ${re}`);
    return found.join('\n');
  };
  const grownElsewhere = (script: string) =>
    new Function(`var Module = {}, wasmMemory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
      var HEAP, HEAP8, HEAPU8, HEAP16, HEAPU16, HEAP32, HEAPU32, HEAPF32, HEAPF64;
      ${piece(script, /function updateMemoryViews\(\)\{[^}]*\}(;Object\.defineProperties\(Module,\{.*?\}\}\);)?/)}
      ${piece(script, /function GROWABLE_HEAP_\w+\(\)\{[^}]*\}/g)}
      updateMemoryViews();
      const before = Module.HEAPU8.length;
      wasmMemory.grow(1); // as on another thread: nothing here renews the views
      return [before, Module.HEAPU8.length, Module.HEAPF64.length];`)() as number[];

  it('renews its memory views when read after another thread grew the memory', () => {
    for (const script of scripts) {
      // as the package has it, the worker reads through the old view: a page (64 KiB) too short
      expect(grownElsewhere(script)).toEqual([65536, 65536, 8192]);
      expect(grownElsewhere(patchedWorker(script))).toEqual([65536, 131072, 16384]);
    }
    expect(readFileSync(shipped.worker, 'utf8')).toBe(guardedWorker(patchedWorker(scripts[0]!)));
    expect(readFileSync(shipped.pthread, 'utf8')).toBe(patchedWorker(scripts[1]!));
  });

  it('no longer logs the exports it cannot link nor points to a source map, and refuses a script it does not recognise', () => {
    for (const script of scripts) {
      expect(script).toContain('unhandled export type');
      expect(patchedWorker(script)).not.toContain('unhandled export type');
      // the package's map is of the text before the patch
      expect(script).toMatch(/\/\/# sourceMappingURL=\S+\.js\.map\s*$/);
      expect(patchedWorker(script)).not.toContain('sourceMappingURL');
    }
    expect(() => patchedWorker('function updateMemoryViews(){}')).toThrow(/duckdb-wasm changed/);
  });
});

describe('each build’s main worker, given a file as bytes when DuckDB’s memory has no room for it', () => {
  const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-coi.wasm'));
  const packaged = (name: string) => readFileSync(path.join(dist, name), 'utf8');
  const guarded = guardedWorkers(process.cwd());
  const shipped = {
    eh: readFileSync(guarded.eh, 'utf8'),
    mvp: readFileSync(guarded.mvp, 'utf8'),
    coi: readFileSync(threadedDuckdb(process.cwd()).worker, 'utf8'),
  };

  /**
   * The worker's own registerFileBuffer, run on a memory of 64 bytes whose allocator gives `at`
   * (Emscripten's malloc gives 0 when it cannot grow the memory): what it threw, the memory after,
   * and what it registered.
   */
  function register(script: string, at: number, bytes: Uint8Array) {
    const found = /registerFileBuffer\(e,t\)\{(.*?)ve\(this\.mod\)\}/.exec(script);
    if (!found) throw new Error('registerFileBuffer not found');
    const registered: unknown[] = [];
    const method = new Function('fe', 'te', 've', `return function (e, t) { ${found[1]} ve(this.mod); }`)(
      (_mod: unknown, _fn: string, _types: unknown, args: unknown[]) => (registered.push(args), [0, 0, 0]),
      () => 'error',
      () => undefined,
    ) as (name: string, data: Uint8Array) => void;
    const mod = { _malloc: () => at, HEAPU8: new Uint8Array(64) };
    let thrown: string | null = null;
    try {
      method.call({ mod }, 'extract.csv', bytes);
    } catch (e) {
      thrown = e instanceof Error ? e.message : String(e);
    }
    return { thrown, memory: [...mod.HEAPU8.subarray(0, 24)], registered };
  }
  const bytes = new Uint8Array([1, 2, 3, 4]);
  const zeros = (n: number) => Array.from({ length: n }, () => 0);

  it('as the package has it, writes the file over the start of memory and registers it there', () => {
    for (const name of ['duckdb-browser-eh.worker.js', 'duckdb-browser-mvp.worker.js', 'duckdb-browser-coi.worker.js']) {
      expect(register(packaged(name), 0, bytes)).toEqual({ thrown: null, memory: [1, 2, 3, 4, ...zeros(20)], registered: [['extract.csv', 0, 4]] });
    }
  });

  it('as the app ships it, refuses the file and leaves memory untouched; with room, copies it where it was given room', () => {
    for (const script of Object.values(shipped)) {
      expect(register(script, 0, bytes)).toEqual({ thrown: NO_ROOM_MESSAGE, memory: zeros(24), registered: [] });
      expect(register(script, 16, bytes)).toEqual({ thrown: null, memory: [...zeros(16), 1, 2, 3, 4, ...zeros(4)], registered: [['extract.csv', 16, 4]] });
    }
    // an empty file needs no memory: an allocator's 0 is no failure then
    expect(register(shipped.eh, 0, new Uint8Array(0)).thrown).toBeNull();
    expect(shipped.eh).toBe(guardedWorker(packaged('duckdb-browser-eh.worker.js')).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'));
    expect(() => guardedWorker('registerFileBuffer(e,t){}')).toThrow(/duckdb-wasm changed/);
  });
});
