/**
 * Failed sign-ins per client address in a sliding window, in memory: one address guessing many accounts is
 * stopped even though each account's own lockout is never reached.
 */
export class IpThrottle {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private recent(ip: string, now: number): number[] {
    const kept = (this.failures.get(ip) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length === 0) this.failures.delete(ip);
    else this.failures.set(ip, kept);
    return kept;
  }

  isBlocked(ip: string, now: number): boolean {
    return this.recent(ip, now).length >= this.limit;
  }

  fail(ip: string, now: number): void {
    this.failures.set(ip, [...this.recent(ip, now), now]);
  }
}
