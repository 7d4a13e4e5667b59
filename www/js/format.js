// Showing the module's figures. Amounts arrive as decimal strings and are handed to Intl.NumberFormat as
// strings, which formats them exactly (no float on the way), with the list's currency symbol and as many
// decimals as the module wrote (its currency's minor unit).

const cache = new Map();

function formatter(currency, digits, locale) {
  const key = `${locale ?? ""}|${currency}|${digits}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, {
        style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits,
      });
    } catch {
      // A code Intl does not know still shows, as a plain number followed by the code.
      const plain = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
      f = { format: (v) => `${plain.format(v)} ${currency}` };
    }
    cache.set(key, f);
  }
  return f;
}

/** `money("3000.00", "USD")` → `$3,000.00` (in the reader's locale). */
export function money(amount, currency, locale) {
  if (typeof amount !== "string" || !/^-?\d+(\.\d+)?$/.test(amount)) return String(amount ?? "");
  const digits = amount.includes(".") ? amount.length - amount.indexOf(".") - 1 : 0;
  return formatter(currency, digits, locale).format(amount);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });

/** `"2027-01-01"` → `January 1, 2027`, the calendar day as written (no time zone shift). */
export function longDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  return m ? dateFormat.format(Date.UTC(+m[1], +m[2] - 1, +m[3])) : String(iso ?? "");
}
