const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a value that a spreadsheet would read as a formula by prefixing an apostrophe.
 * Plain negative numbers are left alone: they are data, not formulas.
 */
export function neutraliseFormula(value: string): string {
  if (!FORMULA_START.test(value)) return value;
  if (/^-\d+(\.\d+)?$/.test(value)) return value;
  return `'${value}`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseFormula(typeof value === 'string' ? value : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with CRLF line ends, every text value neutralised against formula injection. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[], preamble: readonly string[] = []): string {
  const lines = preamble.map((p) => `# ${p.replace(/[\r\n]+/g, ' ')}`);
  lines.push(columns.map(cell).join(','));
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}
