// The same load and aggregations done the way a hand-rolled dashboard would: papaparse into arrays,
// then JavaScript loops over every row on each filter change. Runs in the page (passed to
// page.evaluate), so it is measured in the same browser as the app.
export async function baselineInPage({ url, froms }) {
  const t0 = performance.now();
  // parsed in chunks from a Blob, as a dashboard must for a file larger than the longest string a
  // browser holds (about 512 MB: 5,000,000 rows); only the columns the loops read are kept
  const blob = await (await fetch(url)).blob();
  const wanted = ['occurred_date', 'lsoa21cd', 'sex', 'self_defined_ethnicity', 'weapon'];
  const [iLsoa, iSex, iEth, iWeapon] = [0, 1, 2, 3]; // in each kept row; the month is kept apart
  const rows = [];
  const month = [];
  let at = null;
  await new Promise((resolve, reject) =>
    globalThis.Papa.parse(blob, {
      skipEmptyLines: true,
      chunk: ({ data }, parser) => {
        let i = 0;
        if (at === null) {
          at = wanted.map((name) => data[0].indexOf(name));
          if (at.includes(-1)) {
            parser.abort();
            reject(new Error(`the file lacks ${wanted[at.indexOf(-1)]}`));
            return;
          }
          i = 1;
        }
        for (; i < data.length; i++) {
          const r = data[i];
          rows.push([r[at[1]], r[at[2]], r[at[3]], r[at[4]]]);
          month.push(r[at[0]].slice(0, 7));
        }
      },
      complete: resolve,
      error: reject,
    }),
  );
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

/**
 * A naive parse, as the load-speed issue defines it: papaparse with `header: true`, in chunks,
 * every row kept as an object, nothing else. Resolves with the milliseconds and the rows read.
 */
export async function naiveParseInPage({ url }) {
  const blob = await (await fetch(url)).blob();
  const t0 = performance.now();
  const rows = [];
  await new Promise((resolve, reject) =>
    globalThis.Papa.parse(blob, {
      header: true,
      skipEmptyLines: true,
      chunk: ({ data }) => {
        for (const r of data) rows.push(r);
      },
      complete: resolve,
      error: reject,
    }),
  );
  return { ms: performance.now() - t0, rows: rows.length };
}
