/** A chart legend as a list, so it reads in order and is found by assistive technology. */
export function Legend({ items }: { items: readonly { label: string; color: string; dashed?: boolean }[] }) {
  return (
    <ul className="legend" aria-label="Legend">
      {items.map((i) => (
        <li key={i.label}>
          <span className={i.dashed ? 'swatch dashed' : 'swatch'} style={{ background: i.dashed ? 'transparent' : i.color, borderColor: i.color }} aria-hidden="true" />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * A tooltip formatter that shows what the table shows: the `<key>:text` of the hovered row
 * (so a suppressed count reads "<5"), else the value formatted.
 */
export function tableTooltip(format: (n: number) => string) {
  return (value: unknown, name: unknown, item: { dataKey?: unknown; payload?: Record<string, unknown> }): [string, string] => {
    const text = item.payload?.[`${String(item.dataKey)}:text`];
    return [typeof text === 'string' ? text : typeof value === 'number' ? format(value) : '', String(name)];
  };
}
