import type { Db } from './db-types';

// SQL macros for parsing partner dates. DuckDB-wasm has no ICU extension offline, so UK local time
// is computed from the rule itself: British Summer Time runs from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October.

const ISO_AFTER_UK_SWAP =
  String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$`;

export const MACROS_SQL = String.raw`
CREATE OR REPLACE MACRO vrp_dt_parts(s) AS
  regexp_extract(regexp_replace(trim(s), '^(\d{1,2})/(\d{1,2})/(\d{4})', '\3-\2-\1'), '${ISO_AFTER_UK_SWAP}', ['y', 'm', 'd', 'hh', 'mi', 'ss', 'tz']);
CREATE OR REPLACE MACRO vrp_bst_start(y) AS make_timestamp(y, 3, 31, 1, 0, 0) - to_days(dayofweek(make_date(y, 3, 31)));
CREATE OR REPLACE MACRO vrp_bst_end(y) AS make_timestamp(y, 10, 31, 1, 0, 0) - to_days(dayofweek(make_date(y, 10, 31)));
CREATE OR REPLACE MACRO vrp_utc_to_uk(t) AS
  CASE WHEN t >= vrp_bst_start(year(t)) AND t < vrp_bst_end(year(t)) THEN t + INTERVAL 1 HOUR ELSE t END;
CREATE OR REPLACE MACRO vrp_tz_minutes(tz) AS
  CASE WHEN upper(tz) = 'Z' THEN 0
       ELSE (CASE WHEN left(tz, 1) = '-' THEN -1 ELSE 1 END)
            * (substr(replace(tz, ':', ''), 2, 2)::INTEGER * 60 + substr(replace(tz, ':', ''), 4, 2)::INTEGER) END;
CREATE OR REPLACE MACRO vrp_naive_ts(p) AS
  CASE WHEN p.y = '' THEN NULL
       ELSE try_strptime(
         printf('%s-%s-%s %s:%s:%s', p.y, lpad(p.m, 2, '0'), lpad(p.d, 2, '0'),
                lpad(coalesce(nullif(p.hh, ''), '0'), 2, '0'), coalesce(nullif(p.mi, ''), '00'), coalesce(nullif(p.ss, ''), '00')),
         '%Y-%m-%d %H:%M:%S') END;
-- Ends in Z or a numeric offset. The regular expression runs only on text longer than a bare
-- date: a shorter text with an offset has no date shape the fast cast takes anyway.
CREATE OR REPLACE MACRO vrp_has_offset(s) AS suffix(s, 'Z') OR suffix(s, 'z') OR (strlen(s) > 10 AND regexp_matches(s, '[+-]\d\d:?\d\d$'));
-- Plain DD/MM/YYYY or ISO text, with or without a time: DuckDB's own cast can take it.
-- (Patterns rather than slices: a slice makes a new text for every row, which took twice as long.)
CREATE OR REPLACE MACRO vrp_uk_shape(s) AS s LIKE '__/__/____' OR s LIKE '__/__/____ %' OR s LIKE '__/__/____T%';
CREATE OR REPLACE MACRO vrp_iso_shape(s) AS s LIKE '____-__-__' OR s LIKE '____-__-__ %' OR s LIKE '____-__-__T%';
-- The fast cast (NULL when the text is not a real date or time).
CREATE OR REPLACE MACRO vrp_fast_ts(s) AS
  CASE WHEN vrp_uk_shape(s) THEN TRY_CAST(s[7:10] || '-' || s[4:5] || '-' || s[1:2] || s[11:] AS TIMESTAMP)
       WHEN vrp_iso_shape(s) THEN TRY_CAST(s AS TIMESTAMP) END;
-- Text the fast cast cannot take: an offset, or an unusual shape such as D/M/YYYY.
CREATE OR REPLACE MACRO vrp_needs_parts(s) AS s IS NOT NULL AND (vrp_has_offset(s) OR NOT (vrp_uk_shape(s) OR vrp_iso_shape(s)));
-- A naive timestamp with its offset text, as UK local time.
CREATE OR REPLACE MACRO vrp_zoned_to_uk(n, tz) AS
  CASE WHEN tz = '' THEN n ELSE vrp_utc_to_uk(n - to_minutes(vrp_tz_minutes(tz))) END;
-- A time of day was given: dates alone have no colon.
CREATE OR REPLACE MACRO vrp_has_time(s) AS coalesce(contains(s, ':'), false);
-- A time of day alone (HH:MM or HH:MM:SS), NULL when the text is not one.
CREATE OR REPLACE MACRO vrp_time(s) AS CASE WHEN contains(s, ':') THEN TRY_CAST(s AS TIME) END;
CREATE OR REPLACE MACRO vrp_age_band(a) AS
  CASE WHEN a IS NULL THEN 'Unknown'::vrp_age_band WHEN a < 10 THEN '0-9'::vrp_age_band WHEN a < 18 THEN '10-17'::vrp_age_band
       WHEN a < 25 THEN '18-24'::vrp_age_band ELSE '25+'::vrp_age_band END;
`;

const withMacros = new WeakMap<Db, Promise<void>>();

/**
 * Creates the macros in a database once (every caller shares the same promise). Only the loading
 * of extracts uses them, so they are made by the first load rather than at start-up, where they
 * cost about 0.1 s of every first open.
 */
export function ensureMacros(db: Db): Promise<void> {
  let made = withMacros.get(db);
  if (!made) {
    made = db.exec(MACROS_SQL);
    withMacros.set(db, made);
    made.catch(() => withMacros.delete(db));
  }
  return made;
}
