// DuckDB's WebAssembly, trimmed of the exports nothing here uses.
//
// duckdb-wasm is built to load extensions as side modules, so its module exports every one of its
// 75,011 symbols. On start-up its worker script puts each exported function in the function table
// and makes a WebAssembly.Global for each, which took about 0.6 s of a first open on a 2-core
// machine. The app never loads an extension (they would be downloaded), so the only exports that
// matter are those the worker script names, and the dynCall_ helpers it looks up by signature.
// The code, data and every other section are kept byte for byte.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const EXPORT_SECTION = 7;

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    if (byte === undefined) throw new Error('The WebAssembly module ends inside a number');
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, at];
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Uint8Array.from(out);
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Every identifier-like word of a script: the names it could use an export by. */
export function namesIn(script) {
  return new Set(script.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

/**
 * A copy of a WebAssembly module whose export section lists only the exports `keep` accepts;
 * every other section is copied unchanged. Returns the module and how many exports it kept.
 */
export function trimExports(bytes, keep) {
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new Error('Not a WebAssembly module');
  const decoder = new TextDecoder();
  const parts = [bytes.subarray(0, 8)];
  let kept = 0;
  let total = 0;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readU32(bytes, at + 1);
    const end = body + size;
    if (id !== EXPORT_SECTION) {
      parts.push(bytes.subarray(at, end));
    } else {
      const [count, first] = readU32(bytes, body);
      const entries = [];
      let p = first;
      for (let i = 0; i < count; i++) {
        const [length, nameAt] = readU32(bytes, p);
        const name = decoder.decode(bytes.subarray(nameAt, nameAt + length));
        const [, next] = readU32(bytes, nameAt + length + 1); // kind byte, then the index
        if (keep(name)) entries.push(bytes.subarray(p, next));
        p = next;
      }
      if (p !== end) throw new Error('The export section is not as long as it says');
      total = count;
      kept = entries.length;
      const section = concat([u32(kept), ...entries]);
      parts.push(Uint8Array.of(EXPORT_SECTION), u32(section.length), section);
    }
    at = end;
  }
  return { bytes: concat(parts), kept, total };
}

/** The exports duckdb-wasm's browser worker script can reach: those it names, and dynCall_*. */
export function workerExports(workerScript) {
  const names = namesIn(workerScript);
  // Emscripten's glue calls an export `name` as Module._name (or with a second underscore)
  return (name) => names.has(name) || names.has(`_${name}`) || names.has(`__${name}`) || name.startsWith('dynCall_');
}

/**
 * A file made from some of duckdb-wasm's own, kept in node_modules/.cache/vrp and written again
 * only when it is missing or older than the package's files it is made from.
 */
function cached(root, name, sources, make, recipe = '') {
  const require = createRequire(path.join(root, 'package.json'));
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const files = sources.map((f) => path.join(dist, f));
  const out = path.join(root, 'node_modules', '.cache', 'vrp', name);
  const stamp = `${out}.source`;
  // the recipe too: a changed patch makes the file again
  const source = [...files.map((f) => `${f} ${statSync(f).size} ${statSync(f).mtimeMs}`), recipe].join('\n');
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === source) return out;
  const bytes = make(files.map((f) => readFileSync(f)));
  mkdirSync(path.dirname(out), { recursive: true });
  // written under another name first, so that a test process starting meanwhile never reads half a file
  const partial = `${out}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, out);
  writeFileSync(stamp, source);
  return out;
}

/** A module trimmed to the exports its worker scripts (the first source is the module) can reach. */
function trimmedFrom([module, ...scripts]) {
  const keeps = scripts.map((s) => workerExports(s.toString('utf8')));
  const trimmed = trimExports(module, (name) => keeps.some((keep) => keep(name)));
  if (!WebAssembly.validate(trimmed.bytes)) throw new Error('The trimmed DuckDB module does not validate');
  return trimmed.bytes;
}

/**
 * The path of the trimmed eh build, in node_modules/.cache, written first if it is missing or
 * older than the package's own files. The tests run DuckDB under Node on this same module.
 */
export function trimmedDuckdbWasm(root) {
  return cached(root, 'duckdb-eh.wasm', ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js'], trimmedFrom);
}

// The threaded build's workers read WebAssembly memory through views (Module.HEAPU8 and the
// like) that Emscripten renews only on the thread that grew the memory. When DuckDB grows it on
// one of its other threads, the worker reading a query's result through an old view fails with
// "RangeError: offset is out of bounds" (seen about one load in two). The patch makes those views
// getters that renew themselves first, as Emscripten's own GROWABLE_HEAP_* functions do.
const VIEWS_SET = 'Module.HEAPF64=HEAPF64=new Float64Array(e)}';
const VIEW_GETTERS = ['I8', 'U8', 'I16', 'U16', 'I32', 'U32', 'F32', 'F64']
  .map((k) => `HEAP${k.startsWith('I') ? k.slice(1) : k}:{get:GROWABLE_HEAP_${k},set(){},configurable:!0}`)
  .join(',');

// Its main worker also logs, as a console error, each export it cannot enter in the table that
// links extensions (about thirty as it starts, the untrimmed module too); the app loads none.
const GOT_ERROR = /err\("unhandled export type for '"\.concat\(\w,"': "\)\.concat\(typeof n\)\)/;

/** Replaces the one occurrence of `find` in a worker script, or fails if the package changed. */
function replaceOnce(text, find, by) {
  const count = typeof find === 'string' ? text.split(find).length - 1 : (text.match(new RegExp(find, 'g')) ?? []).length;
  if (count !== 1) throw new Error(`duckdb-wasm changed: its threaded worker no longer has ${String(find).slice(0, 60)} once`);
  return text.replace(find, () => by);
}

// The package's source map no longer matches the patched text, and is not copied with it.
const SOURCE_MAP = /\n\/\/# sourceMappingURL=\S+\s*$/;

/**
 * A worker script of the threaded build as the app ships it: memory views renewed on every read,
 * no console error for exports only extensions would use, and no source map comment.
 */
export function patchedWorker(script) {
  const text = replaceOnce(script.toString('utf8'), VIEWS_SET, `${VIEWS_SET};Object.defineProperties(Module,{${VIEW_GETTERS}});`);
  if (!text.includes('function GROWABLE_HEAP_U8(')) throw new Error('duckdb-wasm changed: its threaded worker has no GROWABLE_HEAP_U8');
  return replaceOnce(text, GOT_ERROR, 'void 0').replace(SOURCE_MAP, '\n');
}

// Each build's main worker copies a file given as bytes (registerFileBuffer) into WebAssembly
// memory without checking that it got the memory: when DuckDB's 4 GB have no room for it,
// Emscripten's malloc returns 0 and the bytes were written from the start of memory over DuckDB
// itself (under Node, a second 2.5 GB file after a first: "memory access out of bounds", then
// every query failed and the loaded tables were lost). The guard refuses the file instead.
const FILE_BUFFER_MALLOC = 'registerFileBuffer(e,t){let r=this.mod._malloc(t.length);';
// the page shows it after "<file> was not loaded." and before "Nothing already loaded was changed."
export const NO_ROOM_MESSAGE = "DuckDB's memory has no room left for this file: remove a loaded extract and try again, or load a smaller file.";
const FILE_BUFFER_GUARD = `${FILE_BUFFER_MALLOC}if(r===0&&t.length>0)throw new Error(${JSON.stringify(NO_ROOM_MESSAGE)});`;

/** A main worker script whose registerFileBuffer refuses a file it found no memory for. */
export function guardedWorker(script) {
  return replaceOnce(script.toString('utf8'), FILE_BUFFER_MALLOC, FILE_BUFFER_GUARD);
}

const PATCH = [VIEWS_SET, VIEW_GETTERS, String(GOT_ERROR), String(SOURCE_MAP)].join('\n');
const GUARD = [FILE_BUFFER_GUARD, String(SOURCE_MAP)].join('\n');

/** The threaded (coi) build's files: the trimmed module and the two patched worker scripts. */
export function threadedDuckdb(root) {
  const workers = ['duckdb-browser-coi.worker.js', 'duckdb-browser-coi.pthread.worker.js'];
  return {
    wasm: cached(root, 'duckdb-coi.wasm', ['duckdb-coi.wasm', ...workers], trimmedFrom),
    worker: cached(root, workers[0], [workers[0]], ([s]) => guardedWorker(patchedWorker(s)), `${PATCH}\n${GUARD}`),
    pthread: cached(root, workers[1], [workers[1]], ([s]) => patchedWorker(s), PATCH),
  };
}

/** The single-threaded builds' main worker scripts (eh, and mvp for browsers without WebAssembly exceptions), guarded. */
export function guardedWorkers(root) {
  const guarded = (name) => cached(root, name, [name], ([s]) => guardedWorker(s).replace(SOURCE_MAP, '\n'), GUARD);
  return { eh: guarded('duckdb-browser-eh.worker.js'), mvp: guarded('duckdb-browser-mvp.worker.js') };
}

/**
 * The headers that make a page cross-origin isolated, as the threaded build needs (its threads
 * share WebAssembly memory): the app's servers and the benchmark's floor page send them.
 */
export const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/**
 * Vite plugin: `import url from 'vrp:duckdb-eh.wasm?url'` gives the trimmed eh build,
 * `vrp:duckdb-eh.worker.js` and `vrp:duckdb-mvp.worker.js` the single-threaded builds' guarded
 * worker scripts, and `vrp:duckdb-coi.wasm`, `vrp:duckdb-coi.worker.js` and
 * `vrp:duckdb-coi.pthread.worker.js` the threaded one.
 */
export function duckdbWasm(root) {
  const cache = path.join(root, 'node_modules', '.cache', 'vrp');
  const make = () => {
    trimmedDuckdbWasm(root);
    threadedDuckdb(root);
    guardedWorkers(root);
  };
  return {
    name: 'vrp-duckdb-wasm',
    config: () => {
      // the files exist before anything resolves them (the dev server has no build start)
      make();
      return {
        resolve: {
          alias: [
            { find: /^vrp:duckdb-eh\.wasm/, replacement: path.join(cache, 'duckdb-eh.wasm') },
            { find: /^vrp:duckdb-coi\.wasm/, replacement: path.join(cache, 'duckdb-coi.wasm') },
            { find: /^vrp:duckdb-coi\.worker\.js/, replacement: path.join(cache, 'duckdb-browser-coi.worker.js') },
            { find: /^vrp:duckdb-coi\.pthread\.worker\.js/, replacement: path.join(cache, 'duckdb-browser-coi.pthread.worker.js') },
            { find: /^vrp:duckdb-eh\.worker\.js/, replacement: path.join(cache, 'duckdb-browser-eh.worker.js') },
            { find: /^vrp:duckdb-mvp\.worker\.js/, replacement: path.join(cache, 'duckdb-browser-mvp.worker.js') },
          ],
        },
      };
    },
  };
}
