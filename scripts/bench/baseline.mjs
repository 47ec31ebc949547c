// The same load and aggregations done the way a hand-rolled dashboard would: papaparse into arrays,
// then JavaScript loops over every row on each filter change. Runs in the page (passed to
// page.evaluate), so it is measured in the same browser as the app.
export async function baselineInPage({ url, froms }) {
  const t0 = performance.now();
  const text = await (await fetch(url)).text();
  const parsed = globalThis.Papa.parse(text, { skipEmptyLines: true });
  const rows = parsed.data;
  const header = rows.shift();
  const col = (name) => header.indexOf(name);
  const iDate = col('occurred_date');
  const iLsoa = col('lsoa21cd');
  const iSex = col('sex');
  const iEth = col('self_defined_ethnicity');
  const iWeapon = col('weapon');
  const month = rows.map((r) => r[iDate].slice(0, 7));
  const loadMs = performance.now() - t0;
  const inc = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  const times = [];
  for (const from of froms) {
    const s = performance.now();
    const byMonth = new Map();
    const byLsoa = new Map();
    const byEth = new Map();
    const bySex = new Map();
    let knife = 0;
    for (let i = 0; i < rows.length; i++) {
      if (month[i] < from) continue;
      const r = rows[i];
      inc(byMonth, month[i]);
      inc(byLsoa, r[iLsoa]);
      inc(byEth, r[iEth]);
      inc(bySex, r[iSex]);
      if (r[iWeapon] === 'knife') knife++;
    }
    // a frame to draw, as the app gets
    await new Promise((r) => requestAnimationFrame(() => r()));
    times.push(performance.now() - s + (byMonth.size + byLsoa.size + byEth.size + bySex.size + knife) * 0);
  }
  return { rows: rows.length, loadMs, times };
}
