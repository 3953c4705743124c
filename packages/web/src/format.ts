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
