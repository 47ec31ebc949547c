/** The method in plain words, beside the figures it explains. */
export function HowCalculated() {
  return (
    <section className="card how" aria-labelledby="how-calculated">
      <h2 id="how-calculated">How this is calculated</h2>
      <ul>
        <li>
          <strong>Rate per 1,000</strong>: a group's records divided by the group's population, times 1,000. Records placed outside the partnership’s area (Leeds or West Yorkshire, chosen in the top bar) are left out
          of rates (no population of the area stands behind them); records with no place are kept. The populations are the Census 2021 residents of the filtered
          area, or of the partnership’s area when no area is filtered.
        </li>
        <li>
          <strong>Relative rate index (RRI)</strong>: a group's rate divided by the White group's rate. 2 means twice the White rate; 1 means the same.
        </li>
        <li>
          <strong>95% confidence interval</strong>: exp(ln RRI ± 1.96 × √(1/a + 1/b)), where a and b are the two groups' record counts. When either count is 0, 0.5 is added to both so the
          interval can be computed. When the interval lies wholly above or below 1, the difference is unlikely to be chance alone.
        </li>
        <li>
          <strong>Not recorded</strong>: records with no ethnicity have no population to divide by and are left out of the rates. If they are not spread like the recorded ones, the rates move;
          the table gives the RRI if every one of them were White, the case that shrinks the gap most.
        </li>
        <li>
          <strong>The population</strong> is for all ages unless you load an age-specific denominator table; differences in the age make-up of groups are not adjusted for.
        </li>
        <li>In publishing mode, a rate or RRI built on a count of 1 to 4 is not shown.</li>
      </ul>
    </section>
  );
}
