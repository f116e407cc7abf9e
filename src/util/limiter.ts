/**
 * Caps simultaneous work overall and per key (a fetch's host; one key for work that has none). Waiters are served
 * first come, first served, except that one waiting on a busy host does not block others waiting on idle hosts.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly perHost = new Map<string, number>();
  private readonly waiting: Array<{ host: string; grant: () => void }> = [];

  constructor(
    private readonly overallLimit: number,
    private readonly hostLimit: number,
  ) {}

  /** Resolves once a slot is free; call the returned function exactly once to give it back. */
  acquire(host: string): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiting.push({ host, grant: () => resolve(this.releaser(host)) });
      this.dispatch();
    });
  }

  private releaser(host: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      const count = (this.perHost.get(host) ?? 1) - 1;
      if (count === 0) this.perHost.delete(host);
      else this.perHost.set(host, count);
      this.dispatch();
    };
  }

  private dispatch(): void {
    for (let i = 0; i < this.waiting.length && this.active < this.overallLimit; ) {
      const waiter = this.waiting[i]!;
      const hostCount = this.perHost.get(waiter.host) ?? 0;
      if (hostCount >= this.hostLimit) {
        i += 1;
        continue;
      }
      this.waiting.splice(i, 1);
      this.active += 1;
      this.perHost.set(waiter.host, hostCount + 1);
      waiter.grant();
    }
  }
}
