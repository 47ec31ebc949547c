const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** 1234 → "1,234". */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** Bytes for people: "12.3 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-03-05" or "2024-03" → "Mar 2024". */
export function formatMonth(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** "2024-03-05" → "5 Mar 2024". */
export function formatDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** "2024-03-05 14:30:00" → "5 Mar 2024, 14:30". */
export function formatDateTime(isoDateTime: string): string {
  const time = /[ T](\d{2}:\d{2})/.exec(isoDateTime)?.[1];
  return time ? `${formatDate(isoDateTime)}, ${time}` : formatDate(isoDateTime);
}

const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A rate to one decimal place: 12.34 → "12.3". */
export function formatRate(n: number): string {
  return oneDecimal.format(n);
}

/** A share as a percentage: 0.1234 → "12.3%". */
export function formatShare(n: number): string {
  return `${oneDecimal.format(n * 100)}%`;
}

/** A ratio such as a relative rate index: 1.234 → "1.23". */
export function formatRatio(n: number): string {
  return twoDecimals.format(n);
}

/** A signed change as a percentage: 0.12 → "+12%", -0.05 → "−5%". */
export function formatChange(n: number): string {
  const pct = Math.round(n * 100);
  return pct > 0 ? `+${pct}%` : pct < 0 ? `−${Math.abs(pct)}%` : '0%';
}
