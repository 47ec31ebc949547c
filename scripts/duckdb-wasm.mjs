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
 * The path of the trimmed eh build, in node_modules/.cache, written first if it is missing or
 * older than the package's own files. The tests run DuckDB under Node on this same module.
 */
export function trimmedDuckdbWasm(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const sources = ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js'].map((f) => path.join(dist, f));
  const out = path.join(root, 'node_modules', '.cache', 'vrp', 'duckdb-eh.wasm');
  const stamp = `${out}.source`;
  const source = sources.map((f) => `${f} ${statSync(f).size} ${statSync(f).mtimeMs}`).join('\n');
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === source) return out;
  const trimmed = trimExports(readFileSync(sources[0]), workerExports(readFileSync(sources[1], 'utf8')));
  if (!WebAssembly.validate(trimmed.bytes)) throw new Error('The trimmed DuckDB module does not validate');
  mkdirSync(path.dirname(out), { recursive: true });
  // written under another name first, so that a test process starting meanwhile never reads half a file
  const partial = `${out}.${process.pid}.partial`;
  writeFileSync(partial, trimmed.bytes);
  renameSync(partial, out);
  writeFileSync(stamp, source);
  return out;
}

/** Vite plugin: `import url from 'vrp:duckdb-eh.wasm?url'` gives the trimmed eh build. */
export function duckdbWasm(root) {
  const out = path.join(root, 'node_modules', '.cache', 'vrp', 'duckdb-eh.wasm');
  return {
    name: 'vrp-duckdb-wasm',
    config: () => ({ resolve: { alias: [{ find: /^vrp:duckdb-eh\.wasm/, replacement: out }] } }),
    buildStart: () => void trimmedDuckdbWasm(root),
  };
}
