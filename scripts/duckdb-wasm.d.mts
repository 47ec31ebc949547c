import type { Plugin } from 'vite';

export function namesIn(script: string): Set<string>;
export function trimExports(bytes: Uint8Array, keep: (name: string) => boolean): { bytes: Uint8Array<ArrayBuffer>; kept: number; total: number };
export function workerExports(workerScript: string): (name: string) => boolean;
export function trimmedDuckdbWasm(root: string): string;
export function patchedWorker(script: string | Uint8Array): string;
export function threadedDuckdb(root: string): { wasm: string; worker: string; pthread: string };
export const NO_ROOM_MESSAGE: string;
export function guardedWorker(script: string | Uint8Array): string;
export function guardedWorkers(root: string): { eh: string; mvp: string };
export const ISOLATION_HEADERS: Record<string, string>;
export function duckdbWasm(root: string): Plugin;
