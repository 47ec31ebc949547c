import { NotBuiltYet } from '@/components/not-built-yet';

export function TrendsPage() {
  return (
    <NotBuiltYet
      title="Trends"
      purpose="When violence happens: monthly series, seasonality and real change."
      items={[
        'Monthly series by source, as counts and rates per 1,000 residents',
        'Year on year and rolling 12-month totals',
        'Statistical process control chart with special-cause signals',
        'Day-of-week by hour-of-day heatmap',
      ]}
    />
  );
}
