/** Dates as the UI shows them: 2026-03-01 10:00 in both languages (the office convention). */
export function formatDateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return "—";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDate(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? "—" : formatDateTime(iso).slice(0, 10);
}

/** Whole days from `now` to `iso`, rounded up (a deadline later today is 0). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.ceil((new Date(iso).getTime() - now) / 86_400_000);
}

/**
 * A decimal string (as the API sends scores) with exactly `places` decimals, rounded half-up (四舍五入) on the
 * digits themselves, never through binary floating point: ("899", 2) → "899.00", ("1.005", 2) → "1.01".
 * Text that is not a plain decimal is returned as it is.
 */
export function formatDecimal(value: string, places: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (match === null) return value;
  const [, sign = "", whole = "0", fraction = ""] = match;
  const digits = BigInt(whole + fraction.padEnd(places + 1, "0").slice(0, places + 1));
  const rounded = (digits + 5n) / 10n;
  const text = rounded.toString().padStart(places + 1, "0");
  const cut = text.length - places;
  const out = places === 0 ? text : `${text.slice(0, cut)}.${text.slice(cut)}`;
  return sign === "-" && rounded !== 0n ? `-${out}` : out;
}
