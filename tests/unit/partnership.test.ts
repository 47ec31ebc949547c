import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS } from '@/data/filters';
import { crossingsSql, healthOnlySql, missedReferralsSql, overlapSql, repeatChildrenSql, type Query } from '@/features/partnership/partnership-sql';
import { createLoadedDb, loadBytes, type TestDb } from '../helpers/loaded-db';

// Four children across four agencies, worked by hand in the comments below.
const POLICE = `crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd,age,sex,ethnicity,ppn_submitted
C1,Victim,P1,2024-01-10,Robbery,E01011264,15,M,Black,Y
C2,Victim,P2,2024-03-01,Robbery,E01011268,16,F,White,N
C3,Suspect,P3,2024-06-01,Robbery,,17,M,White,
C4,Victim,,2024-06-15,Robbery,,14,F,White,
`;
const ED = `attendance_ref,arrival_at,assault_method,person_ref,age
E1,2024-01-20 10:00,knife,P1,15
E2,2024-05-01 10:00,knife,P2,16
E3,2024-05-02 10:00,knife,P4,13
`;
const AMBULANCE = `incident_ref,call_at,call_reason,person_ref,age
M1,2024-01-25 22:00,Assault,,15
M2,2024-06-05 22:00,Stab or penetrating wound,P3,17
`;
const YJS = `yjs_ref,person_ref,offence_date,offence_type,first_time_entrant
Y1,P1,2024-02-01,Robbery,Y
`;

let t: TestDb;
const run = (q: Query) => t.db.query(q.sql, q.params);
beforeAll(async () => {
  t = await createLoadedDb();
  await loadBytes(t, 'police.csv', POLICE);
  await loadBytes(t, 'ed.csv', ED);
  await loadBytes(t, 'ambulance.csv', AMBULANCE);
  await loadBytes(t, 'yjs.csv', YJS);
});
afterAll(() => t.db.close());

describe('overlap between agencies', () => {
  it('counts each child once by the sources they appear in, and unlinkable records apart', async () => {
    const q = overlapSql(NO_FILTERS);
    // P1 police, ED and YJS; P2 police and ED; P3 police and ambulance; P4 ED only
    expect(await run(q.combos)).toEqual([
      { combination: 'ambulance+police', sources: 2, children: 1 },
      { combination: 'ed', sources: 1, children: 1 },
      { combination: 'ed+police', sources: 2, children: 1 },
      { combination: 'ed+police+yjs', sources: 3, children: 1 },
    ]);
    expect(await run(q.unlinkable)).toEqual([
      { source: 'ambulance', records: 1 },
      { source: 'police', records: 1 },
    ]);
  });
});

describe('violence known only to health services', () => {
  it('finds health events with no police record of the child within the window', async () => {
    // Jan: E1 (P1, police 10 days before: known), M1 has no person_ref. May: E2 (P2, police 61 days
    // before: outside 30 days) and E3 (P4, never in police records). Jun: M2 (P3, police 4 days before).
    // No health event has a place, so by ward all seven fall under Unknown: 4 linkable, 2 health-only, 1 not.
    expect(await run(healthOnlySql(NO_FILTERS, 30))).toEqual([
      { per: 'month', key: '2024-01', linkable: 1, health_only: 0, unlinkable: 1 },
      { per: 'month', key: '2024-05', linkable: 2, health_only: 2, unlinkable: 0 },
      { per: 'month', key: '2024-06', linkable: 1, health_only: 0, unlinkable: 0 },
      { per: 'ward', key: 'Unknown', linkable: 4, health_only: 2, unlinkable: 1 },
    ]);
    // with 90 days, P2's police record 61 days earlier counts
    expect((await run(healthOnlySql(NO_FILTERS, 90)))[1]).toEqual({ per: 'month', key: '2024-05', linkable: 2, health_only: 1, unlinkable: 0 });
  });
});

describe('cumulative harm', () => {
  it('counts children when they first reach the threshold within 12 months', async () => {
    // two events: P1 on 20 Jan (police 10 Jan, ED 20 Jan), P2 on 1 May, P3 on 5 Jun; P4 has one
    expect(await run(crossingsSql(NO_FILTERS, 2))).toEqual([
      { month: '2024-01', children: 1 },
      { month: '2024-05', children: 1 },
      { month: '2024-06', children: 1 },
    ]);
    // three events: only P1, on 1 Feb (YJS)
    expect(await run(crossingsSql(NO_FILTERS, 3))).toEqual([{ month: '2024-02', children: 1 }]);
  });

  it('lists those children with their timeline at ward level', async () => {
    const rows = await run(repeatChildrenSql(NO_FILTERS, 3));
    expect(rows).toEqual([
      {
        person_ref: 'P1',
        crossed: '2024-02-01',
        most_in_12: 3,
        events: 3,
        sources: 'ed, police, yjs',
        timeline: ['2024-01-10|police|Robbery|Otley & Yeadon', '2024-01-20|ed|Unknown|Unknown', '2024-02-01|yjs|Robbery|Unknown'],
      },
    ]);
  });
});

describe('missed referrals', () => {
  it('counts police child victims with a PPN, without one, and unknown', async () => {
    // C1 (15, Y) in Jan; C2 (16, N) in Mar; C4 (14, blank) in Jun; C3 is a suspect
    // by ward: C1 in E01011264 and C2 in E01011268, two LSOAs of Otley & Yeadon (E05011549); C4 with no place
    expect(await run(missedReferralsSql(NO_FILTERS))).toEqual([
      { per: 'month', key: '2024-01', victims: 1, submitted: 1, missed: 0, unknown: 0 },
      { per: 'month', key: '2024-03', victims: 1, submitted: 0, missed: 1, unknown: 0 },
      { per: 'month', key: '2024-06', victims: 1, submitted: 0, missed: 0, unknown: 1 },
      { per: 'ward', key: 'E05011549', victims: 2, submitted: 1, missed: 1, unknown: 0 },
      { per: 'ward', key: 'Unknown', victims: 1, submitted: 0, missed: 0, unknown: 1 },
    ]);
  });
});

describe('matching kept up to date whatever the loading order', () => {
  // Its own database: the health extract arrives before the police one, and two of P7's events fall on one day.
  const ED_FIRST = `attendance_ref,arrival_at,assault_method,person_ref,age
F1,2024-03-01 10:00,knife,P7,15
F2,2024-03-01 18:00,knife,P7,15
F3,2024-07-01 10:00,knife,P8,16
`;
  const POLICE_LATER = `crime_ref,role,person_ref,occurred_date,offence_group,lsoa21cd,age,sex,ethnicity
G1,Victim,P8,2024-05-02,Robbery,E01011264,16,M,White
`;
  let u: TestDb;
  beforeAll(async () => {
    u = await createLoadedDb();
    await loadBytes(u, 'ed.csv', ED_FIRST);
  });
  afterAll(() => u.db.close());
  const runU = (q: Query) => u.db.query(q.sql, q.params);

  it('re-matches health events when police records arrive later, counting a gap of exactly the window as known', async () => {
    // before any police extract, every linkable health event is known only to health
    expect(await runU(healthOnlySql(NO_FILTERS, 60))).toEqual([
      { per: 'month', key: '2024-03', linkable: 2, health_only: 2, unlinkable: 0 },
      { per: 'month', key: '2024-07', linkable: 1, health_only: 1, unlinkable: 0 },
      { per: 'ward', key: 'Unknown', linkable: 3, health_only: 3, unlinkable: 0 },
    ]);
    await loadBytes(u, 'police.csv', POLICE_LATER);
    // 2 May to 1 July is 60 days: inside a 60-day window, outside a 59-day one
    expect((await runU(healthOnlySql(NO_FILTERS, 60)))[1]).toEqual({ per: 'month', key: '2024-07', linkable: 1, health_only: 0, unlinkable: 0 });
    expect((await runU(healthOnlySql(NO_FILTERS, 59)))[1]).toEqual({ per: 'month', key: '2024-07', linkable: 1, health_only: 1, unlinkable: 0 });
  });

  it('counts two events on the same day as two within 12 months', async () => {
    // P7: two ED events on 1 Mar (crosses 2 that day); P8: ED 1 Jul and police 2 May (crosses 2 on 1 Jul)
    expect(await runU(crossingsSql(NO_FILTERS, 2))).toEqual([
      { month: '2024-03', children: 1 },
      { month: '2024-07', children: 1 },
    ]);
    const rows = await runU(repeatChildrenSql(NO_FILTERS, 2));
    expect(rows.map((r) => [r.person_ref, r.crossed, r.most_in_12, r.events])).toEqual([
      ['P7', '2024-03-01', 2, 2],
      ['P8', '2024-07-01', 2, 2],
    ]);
  });
});
