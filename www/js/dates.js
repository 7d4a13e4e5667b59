// Calendar helpers for defaults and for laying out the chart. Prices never depend on them: every price and
// every term boundary comes from the module.

const pad = (n, w = 2) => String(n).padStart(w, "0");

export function iso(y, m, d) {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Today in the reader's time zone. The page may read the clock; the module never does. */
export function today() {
  const d = new Date();
  return iso(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

export function parts(date) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? "");
  return m ? [+m[1], +m[2], +m[3]] : null;
}

/** The first day of the month `n` months after `date`'s month. */
export function monthStart(date, n = 0) {
  const p = parts(date);
  if (!p) return null;
  const k = p[0] * 12 + (p[1] - 1) + n;
  return iso(Math.floor(k / 12), (k % 12) + 1, 1);
}

/** Months from `a`'s month to `b`'s month (whole calendar months). */
export function monthIndex(a, b) {
  const p = parts(a), q = parts(b);
  return p && q ? (q[0] - p[0]) * 12 + (q[1] - p[1]) : NaN;
}

// "Dec 2026", not "Dec 26", which reads as a day.
const monthFormat = new Intl.DateTimeFormat(undefined, { month: "short", year: "numeric", timeZone: "UTC" });
export function monthLabel(date) {
  const p = parts(date);
  return p ? monthFormat.format(Date.UTC(p[0], p[1] - 1, 1)) : "";
}

/** The day `n` days after `date` (calendar arithmetic in UTC; no time zone moves it). */
export function addDays(date, n) {
  const p = parts(date);
  if (!p) return null;
  const d = new Date(Date.UTC(p[0], p[1] - 1, p[2] + n));
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
