import type { Db, Row } from '@/data/db-types';
import { dbQuery } from '@/data/db-query';
import type { Filters } from '@/data/filters';
import { crossingsSql, healthOnlySql, missedReferralsSql, overlapSql, repeatChildrenSql, type Query } from './partnership-sql';

const run = <T extends Row>(d: Db, q: Query) => d.query<T>(q.sql, q.params);

export interface ComboRow extends Row {
  combination: string;
  sources: number;
  children: number;
}
export interface UnlinkableRow extends Row {
  source: string;
  records: number;
}
export interface HealthOnlyRow extends Row {
  key: string;
  linkable: number;
  health_only: number;
  unlinkable: number;
}
export interface CrossingRow extends Row {
  month: string;
  children: number;
}
export interface RepeatChild extends Row {
  person_ref: string;
  crossed: string;
  most_in_12: number;
  events: number;
  sources: string;
  timeline: string[];
}
export interface ReferralRow extends Row {
  key: string;
  victims: number;
  submitted: number;
  missed: number;
  unknown: number;
}

export const overlapQuery = (db: Db | undefined, filters: Filters) =>
  dbQuery(db, ['overlap', filters], async (d) => {
    const q = overlapSql(filters);
    return { combos: await run<ComboRow>(d, q.combos), unlinkable: await run<UnlinkableRow>(d, q.unlinkable) };
  });

export const healthOnlyQuery = (db: Db | undefined, filters: Filters, days: number) =>
  dbQuery(db, ['health-only', filters, days], async (d) => ({
    byMonth: await run<HealthOnlyRow>(d, healthOnlySql(filters, days, 'month')),
    byWard: await run<HealthOnlyRow>(d, healthOnlySql(filters, days, 'ward')),
  }));

export const harmQuery = (db: Db | undefined, filters: Filters, threshold: number, withChildren: boolean) =>
  dbQuery(db, ['cumulative-harm', filters, threshold, withChildren], async (d) => ({
    crossings: await run<CrossingRow>(d, crossingsSql(filters, threshold)),
    // never fetched in publishing mode: the list of children is not for publication
    children: withChildren ? await run<RepeatChild>(d, repeatChildrenSql(filters, threshold)) : [],
  }));

export const referralsQuery = (db: Db | undefined, filters: Filters) =>
  dbQuery(db, ['missed-referrals', filters], async (d) => ({
    byMonth: await run<ReferralRow>(d, missedReferralsSql(filters, 'month')),
    byWard: await run<ReferralRow>(d, missedReferralsSql(filters, 'ward')),
  }));
