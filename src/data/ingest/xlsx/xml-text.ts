// Text inside SpreadsheetML: XML's escapes, and Office's own _xHHHH_ escapes for characters XML
// cannot hold (a carriage return in a cell is written _x000D_).

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function codePoint(n: number, whole: string): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
}

/** An element's or attribute's text with its escapes undone. */
export function decodeXml(text: string): string {
  if (!text.includes('&') && !text.includes('_x')) return text;
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, (whole, hex: string) => codePoint(parseInt(hex, 16), whole))
    .replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
      if (ref.startsWith('#x')) return codePoint(parseInt(ref.slice(2), 16), whole);
      if (ref.startsWith('#')) return codePoint(parseInt(ref.slice(1), 10), whole);
      return NAMED[ref] ?? whole;
    });
}

/**
 * Elements without their namespace prefix (`<x:c>` → `<c>`): some tools write SpreadsheetML with
 * a prefix on every element, Excel with none.
 */
export function stripPrefixes(xml: string): string {
  return /<\/?[A-Za-z_][\w.-]*:[A-Za-z_]/.test(xml.slice(0, 4096)) ? xml.replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1') : xml;
}
