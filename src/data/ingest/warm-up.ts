import type { Db } from '../db-types';
import type { Locator } from '../place';
import { mapColumns } from './contracts';
import { rehearseText } from './load-file';
import type { LoadStage } from './load-extract';
import { readyMemory } from './prepare-memory';

// Readies the browser and DuckDB for a load before any file is known, once per database, as the
// Data page opens (where files are loaded), in two steps:
// - the code: a made-up police extract goes through every step of a load, saving nothing, so that
//   the browser compiles DuckDB's code for reading and normalising a file (the tab holds about 40
//   to 50 MB more for it, most of it that code);
// - then the memory: DuckDB touches WARM_UP_MIB of memory, which its allocator keeps for the load.
//   A user takes a few seconds to find a file, which the page otherwise spends idle; the tab holds
//   the memory from then on, whether a file is loaded or not.
// The chosen file's own rehearsal and readying (load-file.ts, prepare-memory.ts) follow as before.
// 1,000,000 rows, the file chosen in the dialog, each build in turn: Load clicked the instant the
// columns show 5.5 to 7.9 s (median 6.0 s) against 7.2 to 8.2 s (7.5 s) without the warm-up;
// clicked a moment later, 4.6 to 6.1 s (5.4 s) against 4.8 to 7.0 s (5.5 s) (the memory was then
// readied as the file dialog opened). The file dragged into a Data page left quiet after opening
// and dropped at once, Load clicked as soon as its columns show (6 loads of each build in turn):
// 5.3 to 6.1 s (median 5.8 s) with the memory readied as the page opens, against 6.3 to 8.6 s
// (7.7 s) when it was readied only as the drag entered the page.

/**
 * About half of what a load of 1,000,000 police rows needs (see prepare-memory.ts); the chosen
 * file's own readying adds the rest. Held by the tab from then on, loaded or not.
 */
export const WARM_UP_MIB = 256;

/** About 10,000 rows: as much as a chosen file's rehearsal reads. */
export const WARM_UP_ROWS = 10_000;

const HEADER = 'crime_ref,role,person_ref,occurred_date,occurred_time,offence_group,weapon,lsoa21cd,age,sex,self_defined_ethnicity,ppn_submitted';
// spellings partner files use, so that every way of reading a value is compiled (see vocab.ts)
const ROLES = ['Victim', 'Suspect', ' victim', 'OFFENDER', 'v'];
const OFFENCES = ['Robbery', 'Violence with injury', 'violence against the person', 'Possession of weapons offences', 'Other'];
const WEAPONS = ['knife', 'Knife or sharp', 'none', 'firearm', 'bottle', ''];
const SEXES = ['M', 'F', 'Female', 'U', ''];
const ETHNICITIES = ['IC1', 'W1', 'Black or Black British: African', 'Not stated', 'IC4', ''];
// three LSOAs of Leeds, one of London, a malformed code and a blank
const PLACES = ['E01011264', 'E01011265', 'E01011266', 'E01000001', 'X0101', ''];

/** The date of row i in one of the forms the contract accepts (see macros.ts): ISO, UK, with a time and a zone. */
function dateText(i: number): string {
  const day = (i % 28) + 1;
  const month = (i % 12) + 1;
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  switch (i % 4) {
    case 0:
      return `2023-${mm}-${dd}`;
    case 1:
      return `${dd}/${mm}/2024`;
    case 2:
      return `2024-${mm}-${dd}T${String(i % 24).padStart(2, '0')}:15:00Z`;
    default:
      return `${day}/${month}/2022 ${String(i % 24).padStart(2, '0')}:40`;
  }
}

/** A made-up police extract of `rows` rows (every 50th has no date, so is rejected), one line each. */
export function warmUpExtract(rows: number): string {
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const date = i % 50 === 49 ? '' : dateText(i);
    const time = i % 3 === 0 ? `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}` : '';
    lines.push(
      [`WU${i}`, pick(ROLES, i), `P${i % 997}`, date, time, pick(OFFENCES, i), pick(WEAPONS, i), pick(PLACES, i), String(10 + (i % 15)), pick(SEXES, i), `"${pick(ETHNICITIES, i)}"`, i % 2 ? 'Y' : 'N'].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

const codeWarming = new WeakMap<Db, Promise<boolean>>();
const memoryReadied = new WeakSet<Db>();

/**
 * The made-up extract's dry-run load, once per database: later calls get the first one's answer
 * (false if a load asked for meanwhile stopped it, which compiles the same code itself).
 */
export function warmUpCode(session: { db: Db; locator: Locator }, onStage?: (stage: LoadStage) => void): Promise<boolean> {
  const running = codeWarming.get(session.db);
  if (running) return running;
  const headers = HEADER.split(',');
  const rehearsal = rehearseText(
    session,
    async () => ({
      bytes: new TextEncoder().encode(warmUpExtract(WARM_UP_ROWS)),
      fileName: 'warm-up.csv',
      format: 'csv',
      source: 'police',
      mapping: mapColumns('police', headers),
      columns: headers.length,
    }),
    onStage,
  );
  codeWarming.set(session.db, rehearsal);
  return rehearsal;
}

/**
 * Warms the database up for a load, once (see above): its code, unless that was done or is under
 * way, then its memory. A load asked for meanwhile stops the rehearsal at its next step, and no
 * memory is readied then; nothing is kept but compiled code and held memory. Says what it did, or
 * null if it had been asked before.
 */
export async function warmUpForLoad(
  session: { db: Db; locator: Locator },
  onStage?: (stage: LoadStage) => void,
): Promise<{ rehearsed: boolean; readiedMiB: number } | null> {
  if (memoryReadied.has(session.db)) return null;
  memoryReadied.add(session.db);
  const rehearsed = await warmUpCode(session, onStage);
  return { rehearsed, readiedMiB: await readyMemory(session.db, WARM_UP_MIB) };
}
