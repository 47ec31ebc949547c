import type { Db, Row } from '@/data/db-types';
import { dbQuery } from '@/data/db-query';
import type { Filters } from '@/data/filters';
import { crossingsSql, healthOnlySql, missedReferralsSql, overlapSql, repeatChildrenSql, splitByMonthAndWard, type Query } from './partnership-sql';

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
  /** 'month' or 'ward' */
  per: string;
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
  /** 'month' or 'ward' */
  per: string;
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
  dbQuery(db, ['health-only', filters, days], async (d) => splitByMonthAndWard(await run<HealthOnlyRow>(d, healthOnlySql(filters, days))));

export const harmQuery = (db: Db | undefined, filters: Filters, threshold: number) =>
  dbQuery(db, ['cumulative-harm', filters, threshold], (d) => run<CrossingRow>(d, crossingsSql(filters, threshold)));

/** The analysts' list of children: fetched only when asked for, and never in publishing mode. */
export const repeatChildrenQuery = (db: Db | undefined, filters: Filters, threshold: number, wanted: boolean) => ({
  ...dbQuery(db, ['repeat-children', filters, threshold], (d) => run<RepeatChild>(d, repeatChildrenSql(filters, threshold))),
  enabled: db !== undefined && wanted && !filters.publish,
});

export const referralsQuery = (db: Db | undefined, filters: Filters) =>
  dbQuery(db, ['missed-referrals', filters], async (d) => splitByMonthAndWard(await run<ReferralRow>(d, missedReferralsSql(filters))));
