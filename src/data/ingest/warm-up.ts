import type { Db } from '../db-types';
import type { Locator } from '../place';
import { mapColumns } from './contracts';
import { rehearseText } from './load-file';
import type { LoadStage } from './load-extract';

// Readies the browser for a load before any file is known, once per database, as the Data page
// opens (where files are loaded): a made-up police extract goes through every step of a load,
// saving nothing, so that the browser compiles DuckDB's code for reading and normalising a file
// (the tab holds about 40 to 50 MB more for it, most of it that code). A user takes a few seconds
// to find a file, which the page otherwise spends idle.
//
// It is kept because side-by-side runs show it pays (docs/performance.md, 7 December): 1,000,000
// rows, Load clicked the instant the columns show, four loads of each build in turn, median 7.9 s
// with it against 9.1 s without; on the threaded build, 4.9 against 5.6 s, and in the evening,
// after the file's bytes went to DuckDB directly, 5.0 against 6.1 s (0.81×); on 8 December, on a
// quicker hour, five loads of each in turn, 3.20 against 3.57 s (0.90×, quicker in every pair), and
// again after the categorical warnings went into one column, 3.14 against 3.53 s (0.89×, quicker in
// four pairs of five): just above the 10% a mechanism like this must save to stay. Readying DuckDB's
// memory after it (256 MiB), rehearsing the chosen file's first lines, readying memory for that
// file and reading it while its columns were checked were measured the same way and gained nothing
// on that load (6.5 against 6.5 s, and 7.5 against 7.5 s), so they were taken out.

/** About 10,000 rows (1 MiB): enough for the browser to compile every step of a load. */
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
