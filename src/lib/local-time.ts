const pad = (n: number) => String(n).padStart(2, '0');

/** The local date and time as YYYY-MM-DD and YYYY-MM-DD HH:MM:SS. */
export function localStamp(d: Date): { day: string; time: string } {
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return { day, time: `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` };
}
