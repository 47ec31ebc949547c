// Generates the synthetic demo extracts for West Yorkshire (Leeds and its four neighbours): police,
// ambulance, ED and YJS, in the partner formats of the data contracts. Every assumption is written
// down in data/demo/README.md.
import { createRandom, weightedPicker } from './random.mjs';

export const DEMO_SEED = 20190101;
export const START_MONTH = '2019-01';
/** Fixed so the output is reproducible; the last month of synthetic data. */
export const END_MONTH = '2026-10';

/**
 * Records per year in Leeds at a month of average season, before trend and lockdown. The other
 * districts have records in proportion to their young residents (aged 0–24), so the totals are these
 * times West Yorkshire's young residents over Leeds's.
 */
const LEEDS_PER_YEAR = { policeCrimes: 2900, ambulance: 2500, ed: 850 };
const LEEDS = 'E08000035';
/** Pseudonymous people per Leeds-sized population of young residents. */
const LEEDS_PEOPLE = 60000;

const HOTSPOTS = [
  { msoa: 'Leeds City Centre', factor: () => 5, night: 3 },
  { msoa: 'Harehills North', factor: () => 2.6, night: 1 },
  { msoa: 'Harehills South', factor: () => 2.6, night: 1 },
  { msoa: 'Chapel Allerton South & Chapeltown', factor: () => 2.3, night: 1 },
  // emerging: from ordinary in 2019 to a hotspot by 2026
  { msoa: 'Seacroft North & Monkswood', factor: (y) => 1 + ((y - 2019) / 7) * 3.5, night: 1 },
  // fading: a hotspot in 2019 that partnership work calms by 2026
  { msoa: 'Beeston East', factor: (y) => 3.2 - ((y - 2019) / 7) * 2.2, night: 1 },
];

/**
 * The planted youth hub, for the Evaluate view's demo: it opens in two west Leeds wards in April
 * 2024 and from then on prevents 40% of the incidents there whose victim or patient is 10–17.
 */
export const YOUTH_HUB = { wards: ['E05011385', 'E05011387'], from: { y: 2024, m: 4 }, prevented: 0.4 };

const YOUTH_ETHNICITY = [
  // [group, detail labels (2011/police.uk style), NHS code, Census 2021 label, share within its group]
  ['White', 'White - English/Welsh/Scottish/Northern Irish/British', 'A', 'White: English, Welsh, Scottish, Northern Irish or British', 0.64],
  ['White', 'White - Any other White background', 'C', 'White: Other White', 0.06],
  ['Asian', 'Asian/Asian British - Pakistani', 'J', 'Asian, Asian British or Asian Welsh: Pakistani', 0.06],
  ['Asian', 'Asian/Asian British - Indian', 'H', 'Asian, Asian British or Asian Welsh: Indian', 0.025],
  ['Asian', 'Asian/Asian British - Bangladeshi', 'K', 'Asian, Asian British or Asian Welsh: Bangladeshi', 0.012],
  ['Asian', 'Asian/Asian British - Chinese', 'R', 'Asian, Asian British or Asian Welsh: Chinese', 0.008],
  ['Black', 'Black/African/Caribbean/Black British - African', 'N', 'Black, Black British, Black Welsh, Caribbean or African: African', 0.055],
  ['Black', 'Black/African/Caribbean/Black British - Caribbean', 'M', 'Black, Black British, Black Welsh, Caribbean or African: Caribbean', 0.012],
  ['Mixed', 'Mixed/Multiple ethnic groups - White and Black Caribbean', 'D', 'Mixed or Multiple ethnic groups: White and Black Caribbean', 0.025],
  ['Mixed', 'Mixed/Multiple ethnic groups - White and Asian', 'F', 'Mixed or Multiple ethnic groups: White and Asian', 0.02],
  ['Mixed', 'Mixed/Multiple ethnic groups - Any other Mixed/Multiple ethnic background', 'G', 'Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups', 0.018],
  ['Other', 'Other ethnic group - Any other ethnic group', 'S', 'Other ethnic group: Any other ethnic group', 0.02],
  ['Other', 'Other ethnic group - Arab', 'S', 'Other ethnic group: Arab', 0.009],
];
const IC = { White: 'IC1', Asian: 'IC4', Black: 'IC3', Mixed: 'IC6', Other: 'IC6' };
/** How much more often a child of each detailed group is drawn into police and YJS records. */
const POLICE_OVER = (label) => (/Caribbean/.test(label) && /Black|Mixed/.test(label) ? 2.4 : /Black/.test(label) ? 2.0 : 1);

const pad = (n, w = 2) => String(n).padStart(w, '0');
const monthsBetween = (from, to) => {
  const out = [];
  let [y, m] = from.split('-').map(Number);
  const [ey, em] = to.split('-').map(Number);
  while (y < ey || (y === ey && m <= em)) {
    out.push({ y, m });
    m++;
    if (m === 13) {
      m = 1;
      y++;
    }
  }
  return out;
};
const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dow = (y, m, d) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();
const lastSunday = (y, m) => {
  const d = daysIn(y, m);
  return d - dow(y, m, d);
};
/** Whether a UK local time falls in British Summer Time (approximate at the change hour). */
const isBst = (y, m, d) => (m > 3 && m < 10) || (m === 3 && d >= lastSunday(y, 3)) || (m === 10 && d < lastSunday(y, 10));

function seasonal(m) {
  return [0.88, 0.86, 0.95, 1.0, 1.08, 1.12, 1.2, 1.16, 1.02, 0.98, 0.9, 0.85][m - 1];
}
function trend(y, m) {
  const t = y + (m - 1) / 12;
  return t < 2022.5 ? 1 + (t - 2019) * 0.03 : 1.105 - (t - 2022.5) * 0.04;
}
function lockdown(y, m) {
  if (y === 2020 && (m === 4 || m === 5)) return 0.55;
  if (y === 2020 && m === 6) return 0.8;
  if (y === 2021 && (m === 1 || m === 2)) return 0.8;
  return 1;
}

/** A day in the month, with Fridays and Saturdays (and summer weekends) more likely. */
function pickDay(rnd, y, m) {
  for (;;) {
    const d = rnd.int(1, daysIn(y, m));
    const w = dow(y, m, d);
    const weight = w === 5 || w === 6 ? 1.45 : w === 0 ? 1.1 : 0.9;
    if (rnd.next() * 1.45 < weight) return d;
  }
}

/** An hour: an after-school peak (15:00–19:00) for children, night-time for Friday and Saturday. */
function pickHour(rnd, age, weekendNight) {
  const child = age < 18;
  const r = rnd.next();
  if (weekendNight && !child && r < 0.5) return rnd.pick([21, 22, 23, 0, 1, 2, 3]);
  if (child && r < 0.5) return rnd.int(15, 19);
  if (r < 0.75) return rnd.int(12, 22);
  return rnd.pick([7, 8, 9, 10, 11, 23, 0, 1]);
}

function inRing(x, y, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A random point strictly inside an LSOA polygon (rejection sampling in its bounding box). */
function pointIn(rnd, feature) {
  const rings = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  const outer = rings[0][0];
  const xs = outer.map((p) => p[0]);
  const ys = outer.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let i = 0; i < 500; i++) {
    const x = x0 + rnd.next() * (x1 - x0);
    const y = y0 + rnd.next() * (y1 - y0);
    if (inRing(x, y, outer) && !rings[0].slice(1).some((h) => inRing(x, y, h))) return [x, y];
  }
  return [outer[0][0], outer[0][1]];
}

const csvCell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const toCsv = (headers, rows, eol) => [headers, ...rows].map((r) => r.map(csvCell).join(',')).join(eol) + eol;

/**
 * Builds the four extracts. `lsoas` are rows of data/reference/lsoa.csv; `ethnicity` rows of
 * data/reference/lsoa-ethnicity.csv (each LSOA's Census 2021 mix); `boundaries` the LSOA GeoJSON (for
 * ambulance coordinates). Returns CSV text per source and counts for the README.
 */
export function generateDemo({ lsoas, ethnicity, boundaries, seed = DEMO_SEED }) {
  const rnd = createRandom(seed);
  const young = (l) => Number(l.population_0_15) + Number(l.population_16_24);
  const sumYoung = (rows) => rows.reduce((s, l) => s + young(l), 0);
  const scale = sumYoung(lsoas) / sumYoung(lsoas.filter((l) => l.lad24cd === LEEDS));
  const BASE_PER_YEAR = Object.fromEntries(Object.entries(LEEDS_PER_YEAR).map(([k, v]) => [k, v * scale]));
  const featureByCode = new Map(boundaries.features.map((f) => [f.properties.code, f]));
  const months = monthsBetween(START_MONTH, END_MONTH);
  const byMsoa = new Map();
  for (const l of lsoas) byMsoa.set(l.msoa_name, [...(byMsoa.get(l.msoa_name) ?? []), l]);

  const depFactor = (decile) => 3.2 - (Number(decile) - 1) * 0.3;
  const hotspotOf = (l) => HOTSPOTS.find((h) => h.msoa === l.msoa_name);
  const placeWeight = (l, y, night) => {
    const h = hotspotOf(l);
    return young(l) * depFactor(l.imd_decile) * (h ? h.factor(y) * (night ? h.night : 1) : 1);
  };
  const pickers = new Map();
  const placePicker = (y, night) => {
    const key = `${y}-${night}`;
    if (!pickers.has(key)) pickers.set(key, weightedPicker(lsoas, lsoas.map((l) => placeWeight(l, y, night))));
    return pickers.get(key);
  };
  const homePicker = weightedPicker(lsoas, lsoas.map((l) => young(l) * depFactor(l.imd_decile)));
  // each LSOA's ethnic mix (Census 2021, all ages), then a detailed group within the broad one
  const mixOf = new Map();
  for (const e of ethnicity) mixOf.set(e.lsoa21cd, [...(mixOf.get(e.lsoa21cd) ?? []), e]);
  const groupPickers = new Map();
  const ethnicGroupOf = (code) => {
    if (!groupPickers.has(code)) {
      const mix = mixOf.get(code);
      if (!mix) throw new Error(`No ethnic mix for ${code}`);
      groupPickers.set(code, weightedPicker(mix.map((e) => e.ethnicity), mix.map((e) => Number(e.population))));
    }
    return groupPickers.get(code);
  };
  const detailPickers = new Map(
    ['White', 'Asian', 'Black', 'Mixed', 'Other'].map((g) => {
      const rows = YOUTH_ETHNICITY.filter((e) => e[0] === g);
      return [g, weightedPicker(rows, rows.map((e) => e[4]))];
    }),
  );

  // The people: children and young adults who may appear in several agencies' records.
  const people = [];
  const PEOPLE = Math.round(LEEDS_PEOPLE * scale);
  for (let i = 0; i < PEOPLE; i++) {
    const home = homePicker(rnd);
    const eth = detailPickers.get(ethnicGroupOf(home.lsoa21cd)(rnd))(rnd);
    const male = rnd.chance(0.6);
    const birthYear = rnd.int(1994, 2016);
    // a few carry most of the risk: repeated incidents across agencies
    const risk = rnd.chance(0.04) ? 12 + rnd.next() * 20 : rnd.chance(0.25) ? 2 + rnd.next() * 3 : 0.4 + rnd.next();
    const send = rnd.chance(risk > 10 ? 0.55 : 0.18);
    people.push({
      ref: `DP${(i * 7919 + 104729).toString(36).toUpperCase().padStart(6, '0')}`,
      eth,
      male,
      birth: { y: birthYear, m: rnd.int(1, 12), d: rnd.int(1, 28) },
      home,
      risk,
      send,
      ehcp: send && rnd.chance(0.4),
      lookedAfter: rnd.chance(risk > 10 ? 0.22 : 0.04),
      firstYjs: true,
    });
  }
  const ageAt = (p, y, m, d) => y - p.birth.y - (m < p.birth.m || (m === p.birth.m && d < p.birth.d) ? 1 : 0);
  const policeWeights = people.map((p) => p.risk * POLICE_OVER(p.eth[1]) * (p.male ? 1 : 0.35));
  // Health services see a wider group of children than the police do, so their draws lean less on risk.
  const healthWeights = people.map((p) => Math.sqrt(p.risk) * (p.male ? 1 : 0.6));
  const pickPolice = weightedPicker(people, policeWeights);
  const pickHealth = weightedPicker(people, healthWeights);
  /** A person of a plausible age (mostly 12–24) at the date, from the given picker. */
  const personFor = (pick, y, m, d, minAge = 10, maxAge = 24) => {
    for (let i = 0; i < 40; i++) {
      const p = pick(rnd);
      const a = ageAt(p, y, m, d);
      if (a >= minAge && a <= maxAge) return p;
    }
    return pick(rnd);
  };

  const police = [];
  const ambulance = [];
  const ed = [];
  const yjs = [];
  let crimeNo = 0;
  let incidentNo = 0;
  let attendanceNo = 0;
  let yjsNo = 0;
  const ukDate = (y, m, d) => `${pad(d)}/${pad(m)}/${y}`;
  const isoDate = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
  const knifeShare = (y) => (y <= 2023 ? 0.27 : 0.27 - (y - 2023) * 0.025);
  /** Whether the youth hub prevents an incident at this place, month and age (one draw only when it could). */
  const hubPrevents = (lsoa, y, m, age) =>
    YOUTH_HUB.wards.includes(lsoa.ward_code) && y * 12 + m >= YOUTH_HUB.from.y * 12 + YOUTH_HUB.from.m && age >= 10 && age <= 17 && rnd.chance(YOUTH_HUB.prevented);
  const place = (y, m, d, hour, near) => {
    const night = (dow(y, m, d) === 5 || dow(y, m, d) === 6) && (hour >= 21 || hour <= 3);
    if (near && rnd.chance(0.55)) return near;
    return placePicker(y, night)(rnd);
  };

  const policeRow = (crime, role, p, when, weapon, index = 0) => {
    const { y, m, d, hour, minute } = when;
    const age = p ? ageAt(p, y, m, d) : rnd.int(25, 40);
    const selfMissing = rnd.chance(0.34);
    const child = age < 18;
    return [
      crime.ref,
      rnd.chance(0.1) && role === 'Suspect' ? 'Offender' : role,
      p ? p.ref : `DA${crime.ref.slice(2)}${role[0]}${index}`,
      ukDate(y, m, d),
      hour === null ? '' : `${pad(hour)}:${pad(minute)}`,
      crime.group,
      crime.offence,
      weapon,
      crime.lsoa.lsoa21cd,
      rnd.chance(0.03) ? '' : age,
      p ? (p.male ? 'M' : 'F') : 'M',
      p && !selfMissing ? p.eth[1] : rnd.chance(0.5) ? 'Other ethnic group - Not stated' : '',
      p && selfMissing && rnd.chance(0.42) ? IC[p.eth[0]] : '',
      role === 'Victim' && child ? (rnd.chance(0.34) ? 'N' : 'Y') : '',
    ];
  };

  const GROUPS = [
    ['Violence with injury', 0.38, ['Assault occasioning actual bodily harm', 'Wounding with intent (GBH)', 'Assault with injury']],
    ['Violence without injury', 0.3, ['Common assault', 'Threats to kill', 'Assault without injury']],
    ['Robbery', 0.17, ['Robbery of personal property']],
    ['Possession of weapons', 0.08, ['Possession of article with blade or point', 'Possession of offensive weapon']],
    ['Sexual offences', 0.05, ['Sexual assault']],
    ['Homicide', 0.002, ['Murder']],
    ['Other', 0.018, ['Public order offence']],
  ];
  const groupPicker = weightedPicker(GROUPS, GROUPS.map((g) => g[1]));
  const weaponFor = (group, y) => {
    if (group === 'Possession of weapons') return rnd.chance(0.8) ? 'Bladed article' : 'Firearm';
    if (rnd.chance(knifeShare(y) * (group === 'Robbery' ? 1.2 : 1))) return rnd.pick(['Knife', 'knife or sharp instrument', 'Bladed article', 'Stab']);
    if (rnd.chance(0.015)) return 'Firearm';
    if (rnd.chance(0.12)) return rnd.pick(['Blunt instrument', 'Bottle', 'Bat']);
    if (rnd.chance(0.5)) return rnd.pick(['Body (punch/kick)', 'Hands/feet']);
    return rnd.chance(0.5) ? 'None' : '';
  };

  for (const { y, m } of months) {
    const mult = seasonal(m) * trend(y, m) * lockdown(y, m);
    // Police crimes: one victim and usually one or two suspects, each a row.
    const nCrimes = rnd.poisson((BASE_PER_YEAR.policeCrimes / 12) * mult);
    for (let i = 0; i < nCrimes; i++) {
      const d = pickDay(rnd, y, m);
      const victim = personFor(pickPolice, y, m, d, 10, 24);
      const vAge = ageAt(victim, y, m, d);
      const weekendNight = dow(y, m, d) === 5 || dow(y, m, d) === 6;
      const hour = rnd.chance(0.1) ? null : pickHour(rnd, vAge, weekendNight);
      const [group, , offences] = groupPicker(rnd);
      const crime = {
        ref: `WY${y}${pad(m)}${pad(++crimeNo, 6)}`,
        group,
        offence: rnd.pick(offences),
        lsoa: place(y, m, d, hour ?? 12, victim.home),
      };
      if (hubPrevents(crime.lsoa, y, m, vAge)) continue;
      const when = { y, m, d, hour, minute: rnd.int(0, 59) };
      const weapon = weaponFor(group, y);
      if (group !== 'Possession of weapons') police.push(policeRow(crime, 'Victim', victim, when, weapon));
      const nSuspects = group === 'Possession of weapons' ? 1 : rnd.chance(0.25) ? 0 : rnd.chance(0.7) ? 1 : 2;
      for (let s = 0; s < nSuspects; s++) {
        const adult = rnd.chance(0.12);
        const suspect = adult ? null : personFor(pickPolice, y, m, d, 11, 24);
        police.push(policeRow(crime, 'Suspect', suspect, when, weapon, s));
        const sAge = suspect ? ageAt(suspect, y, m, d) : 30;
        // Youth justice: a share of child suspects are charged or given an out-of-court disposal.
        if (suspect && sAge >= 10 && sAge <= 17 && rnd.chance(0.47)) {
          const outcome = rnd.pick(['Community resolution', 'Youth caution', 'Youth conditional caution', 'Referral order', 'Referral order', 'Youth rehabilitation order', 'Custody', 'No further action', 'Pending']);
          const od = new Date(Date.UTC(y, m - 1, d + rnd.int(20, 150)));
          const outcomeDate = od > new Date(Date.UTC(2026, 9, 31)) || outcome === 'Pending' ? '' : isoDate(od.getUTCFullYear(), od.getUTCMonth() + 1, od.getUTCDate());
          yjs.push([
            `YJ${pad(++yjsNo, 6)}`,
            suspect.ref,
            isoDate(y, m, d),
            outcomeDate,
            group === 'Robbery' ? 'Robbery' : group === 'Possession of weapons' ? 'Possession of weapons' : group === 'Sexual offences' ? 'Sexual offences' : group === 'Other' ? 'Other' : 'Violence against the person',
            outcome,
            /knife|blade|stab/i.test(weapon) ? 'Knife' : weapon === 'Firearm' ? 'Firearm' : '',
            crime.lsoa.lsoa21cd,
            suspect.home.lsoa21cd,
            sAge,
            suspect.male ? 'Male' : 'Female',
            suspect.eth[3],
            suspect.send ? 'Y' : 'N',
            suspect.ehcp ? 'Y' : 'N',
            suspect.lookedAfter ? 'Y' : 'N',
            suspect.firstYjs ? 'Y' : 'N',
            rnd.chance(suspect.risk > 10 ? 0.3 : 0.06) ? 'Y' : 'N',
          ]);
          suspect.firstYjs = false;
        }
      }
      // About a third of injured child victims are also seen in an emergency department.
      if (group === 'Violence with injury' && vAge < 25 && rnd.chance(0.24)) {
        ed.push(edRow(victim, { y, m, d, hour: hour ?? pickHour(rnd, vAge, weekendNight) }, crime.lsoa, weapon));
      }
    }
    // Health-only violence: ambulance calls and ED attendances police never hear about.
    const nAmb = rnd.poisson((BASE_PER_YEAR.ambulance / 12) * mult);
    for (let i = 0; i < nAmb; i++) {
      const d = pickDay(rnd, y, m);
      const p = personFor(pickHealth, y, m, d, 10, 30);
      const age = ageAt(p, y, m, d);
      const hour = pickHour(rnd, age, dow(y, m, d) === 5 || dow(y, m, d) === 6);
      const lsoa = place(y, m, d, hour, p.home);
      if (hubPrevents(lsoa, y, m, age)) continue;
      const [lon, lat] = pointIn(rnd, featureByCode.get(lsoa.lsoa21cd));
      const reason = rnd.chance(knifeShare(y) * 0.45) ? 'Stab/gunshot/penetrating trauma' : rnd.chance(0.01) ? 'Gunshot' : rnd.chance(0.06) ? 'Sexual assault' : 'Assault';
      const conveyed = rnd.chance(reason === 'Assault' ? 0.45 : 0.92);
      const minute = rnd.int(0, 59);
      // Ambulance times are sent in UTC with a Z, as many CAD systems export them.
      const local = new Date(Date.UTC(y, m - 1, d, hour, minute, rnd.int(0, 59)));
      const utc = new Date(local.getTime() - (isBst(y, m, d) ? 3600_000 : 0));
      ambulance.push([
        `CAD${y}${pad(++incidentNo, 6)}`,
        utc.toISOString().replace('.000Z', 'Z'),
        reason,
        reason === 'Assault' ? rnd.int(2, 4) : 1,
        lat.toFixed(5),
        lon.toFixed(5),
        rnd.chance(0.08) ? '' : age,
        rnd.chance(0.05) ? 'Unknown' : p.male ? 'Male' : 'Female',
        rnd.chance(0.82) ? '' : p.eth[0],
        rnd.chance(0.72) ? '' : p.ref,
        conveyed ? 'Yes' : 'No',
        age < 18 && rnd.chance(0.4) ? 'Yes' : 'No',
      ]);
      if (conveyed && rnd.chance(0.3)) ed.push(edRow(p, { y, m, d, hour }, lsoa, reason.startsWith('Stab') ? 'Knife' : ''));
    }
    const nEd = rnd.poisson((BASE_PER_YEAR.ed / 12) * mult);
    for (let i = 0; i < nEd; i++) {
      const d = pickDay(rnd, y, m);
      const p = personFor(pickHealth, y, m, d, 10, 24);
      const age = ageAt(p, y, m, d);
      const hour = pickHour(rnd, age, dow(y, m, d) === 5 || dow(y, m, d) === 6);
      const lsoa = place(y, m, d, hour, p.home);
      if (hubPrevents(lsoa, y, m, age)) continue;
      ed.push(edRow(p, { y, m, d, hour }, lsoa, ''));
    }
  }

  function edRow(p, when, lsoa, weapon) {
    const { y, m, d, hour } = when;
    const age = ageAt(p, y, m, d);
    const delay = rnd.int(20, 240);
    const assault = new Date(Date.UTC(y, m - 1, d, hour, rnd.int(0, 59)));
    const arrival = new Date(assault.getTime() + delay * 60_000);
    const fmt = (t) => `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
    const method = /knife|blade|stab/i.test(weapon)
      ? 'Knife or sharp'
      : weapon === 'Firearm'
        ? 'Firearm'
        : rnd.chance(0.6)
          ? 'Body part (hit, kick)'
          : rnd.pick(['Blunt object', 'Bottle', 'Other', 'Unknown']);
    const locType = lsoa.msoa_name === 'Leeds City Centre' && hour >= 20 ? 'Licensed premises' : rnd.pick(['Public place', 'Public place', 'Home', 'School or college', 'Other', 'Unknown']);
    return [
      `ED${pad(++attendanceNo, 7)}`,
      fmt(arrival),
      rnd.chance(0.1) ? '' : fmt(assault),
      method,
      locType,
      locType === 'Public place' ? rnd.pick(['Street', 'Park', 'Bus stop', 'Shopping centre']) : '',
      rnd.chance(0.15) ? '' : lsoa.lsoa21cd,
      rnd.chance(0.1) ? '' : p.home.lsoa21cd,
      age,
      p.male ? 'M' : 'F',
      rnd.chance(0.12) ? 'Z' : p.eth[2],
      p.ref,
      age < 18 && rnd.chance(0.55) ? 'Y' : 'N',
      rnd.chance(0.35) ? rnd.pick(['Youth service', 'CAMHS', 'Social care', 'Substance misuse service']) : '',
    ];
  }

  const files = {
    police: toCsv(
      ['crime_ref', 'role', 'person_ref', 'occurred_date', 'occurred_time', 'offence_group', 'offence', 'weapon', 'lsoa21cd', 'age', 'sex', 'self_defined_ethnicity', 'officer_defined_ethnicity', 'ppn_submitted'],
      police,
      '\n',
    ),
    ambulance:
      '\uFEFF' +
      toCsv(
        ['incident_ref', 'call_datetime', 'chief_complaint', 'priority', 'latitude', 'longitude', 'age', 'gender', 'ethnicity', 'person_ref', 'conveyed', 'safeguarding_referral'],
        ambulance,
        '\r\n',
      ),
    ed: toCsv(
      ['attendance_ref', 'arrival_datetime', 'assault_datetime', 'assault_method', 'assault_location_type', 'assault_location_description', 'assault_lsoa21cd', 'home_lsoa21cd', 'age', 'sex', 'ethnicity', 'person_ref', 'navigator_engaged', 'onward_referral'],
      ed,
      '\n',
    ),
    yjs: toCsv(
      ['yjs_ref', 'person_ref', 'offence_date', 'outcome_date', 'offence_type', 'outcome', 'weapon', 'offence_lsoa21cd', 'home_lsoa21cd', 'age_at_offence', 'sex', 'ethnicity', 'send', 'ehcp', 'looked_after', 'first_time_entrant', 'exploitation_concern'],
      yjs,
      '\r\n',
    ),
  };
  return { files, counts: { police: police.length, ambulance: ambulance.length, ed: ed.length, yjs: yjs.length } };
}
