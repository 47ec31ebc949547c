import type { Db } from './db-types';
import { BASEMAP_KEY, KEPT_NOTE_KEY, KEPT_TABLES, KEPT_TABLES_ADDED_LATER, readKeptNote, restoreKeptTables, writeKeptTables, type KeptNote, type KeptRestoreStep } from './kept-data';
import { localStamp } from '@/lib/local-time';
import { errorFirstLine } from '@/lib/error-text';

// Where kept data lives (see kept-data.ts): the browser's private file system for this site, one
// folder per saved copy, named in the note in localStorage. A new copy is written to a new folder
// and the note moved to it before the old folder is removed, so a copy cut short leaves the last
// one whole.

const fileOf = (table: string) => `${table}.csv`;

/** Keeps the loaded data in this browser, replacing any copy kept before; `onProgress` hears the share written. */
export async function keepData(db: Db, onProgress?: (share: number) => void): Promise<KeptNote> {
  const folder = `kept-${Date.now().toString(36)}-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36)}`;
  let root: FileSystemDirectoryHandle | null = null;
  // the file being written: a table's parts come one after another
  const current: { table: string | null; writable: FileSystemWritableFileStream | null } = { table: null, writable: null };
  let bytes = 0;
  let kept: { signature: string; extracts: number };
  try {
    root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle(folder, { create: true });
    kept = await writeKeptTables(db, async (table, part) => {
      if (current.table !== table || !current.writable) {
        await current.writable?.close();
        current.table = table;
        current.writable = await (await dir.getFileHandle(fileOf(table), { create: true })).createWritable();
      }
      await current.writable.write(part as Uint8Array<ArrayBuffer>);
      bytes += part.length;
    }, undefined, onProgress);
    await current.writable?.close();
  } catch (e) {
    await current.writable?.abort().catch(() => undefined);
    await root?.removeEntry(folder, { recursive: true }).catch(() => undefined);
    throw new Error(`The data could not be kept in this browser (${errorFirstLine(e)}). Nothing was kept.`);
  }
  const before = readKeptNote();
  const note: KeptNote = { folder, savedAt: localStamp(new Date()).time, signature: kept.signature, extracts: kept.extracts, bytes };
  try {
    localStorage.setItem(KEPT_NOTE_KEY, JSON.stringify(note));
  } catch (e) {
    await root.removeEntry(folder, { recursive: true }).catch(() => undefined);
    throw new Error(`The data could not be kept in this browser (${errorFirstLine(e)}). Nothing was kept.`);
  }
  if (before && before.folder !== folder) await root.removeEntry(before.folder, { recursive: true }).catch(() => undefined);
  return note;
}

/** Loads the kept copy into a database just started (nothing is loaded if any of it fails). */
export async function restoreKeptData(db: Db, note: KeptNote, onStep?: (step: KeptRestoreStep) => void): Promise<void> {
  const files = new Map<string, File>();
  try {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(note.folder);
    for (const table of KEPT_TABLES) {
      const handle = await dir.getFileHandle(fileOf(table)).catch((e: unknown) => {
        // a copy kept before the table was kept at all
        if (KEPT_TABLES_ADDED_LATER.has(table) && e instanceof DOMException && e.name === 'NotFoundError') return null;
        throw e;
      });
      if (handle) files.set(table, await handle.getFile());
    }
  } catch (e) {
    throw new Error(`The data kept in this browser could not be found (${errorFirstLine(e)})`);
  }
  await restoreKeptTables(db, files, onStep);
}

/** What the app stores in this browser besides the copy its note names: see leftoverStorage. */
export interface Leftovers {
  /** folders of the site's private file system no note names (a keep cut short, or under way in another tab) */
  folders: string[];
  /** a basemap set on the Places view */
  basemap: boolean;
}

/**
 * What is stored besides the kept copy: the folders its note does not name, and the basemap
 * setting. A browser without a private file system for the site has no folders.
 */
export async function leftoverStorage(): Promise<Leftovers> {
  const noted = readKeptNote()?.folder;
  const folders: string[] = [];
  try {
    const root = await navigator.storage.getDirectory();
    for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) if (name !== noted) folders.push(name);
  } catch {
    // no private file system here: nothing can be in it
  }
  return { folders: folders.sort(), basemap: localStorage.getItem(BASEMAP_KEY) !== null };
}

/**
 * Removes everything the app keeps in this browser: the note, the basemap setting, and every entry
 * of the site's private file system, so also a copy whose keep was cut short (its tab closed while
 * it was written), which no note names.
 */
export async function forgetKeptData(): Promise<void> {
  localStorage.removeItem(KEPT_NOTE_KEY);
  localStorage.removeItem(BASEMAP_KEY);
  const root = await navigator.storage.getDirectory();
  const names: string[] = [];
  for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
  const left: string[] = [];
  for (const name of names) await root.removeEntry(name, { recursive: true }).catch(() => left.push(name));
  if (left.length > 0) {
    // a file another tab is writing (a keep under way there) cannot be removed until it is closed
    throw new Error(`${left.length === 1 ? 'a kept folder' : `${left.length} kept folders`} could not be removed (${left.join(', ')}); close the app's other tabs and try again`);
  }
}
