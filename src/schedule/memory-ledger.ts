import type { RunLedger, RunRecord, RunStatus } from './types.js';

/** A RunLedger in memory: for tests, and for one-process runs that need no memory across restarts. */
export class InMemoryRunLedger implements RunLedger {
  private readonly runs = new Map<string, RunRecord>();

  private key(edition: string, scheduledFor: Date): string {
    return `${edition}\u0000${scheduledFor.toISOString()}`;
  }

  claim(edition: string, scheduledFor: Date, claimedAt: Date): boolean {
    const key = this.key(edition, scheduledFor);
    if (this.runs.has(key)) return false;
    this.runs.set(key, { edition, scheduledFor: new Date(scheduledFor), claimedAt: new Date(claimedAt) });
    return true;
  }

  finish(edition: string, scheduledFor: Date, finishedAt: Date, outcome: RunStatus, error?: string): void {
    const run = this.runs.get(this.key(edition, scheduledFor));
    if (!run) throw new Error(`No claimed run of "${edition}" for ${scheduledFor.toISOString()} to finish: claim it first.`);
    run.finishedAt = new Date(finishedAt);
    run.outcome = outcome;
    if (error !== undefined) run.error = error;
  }

  lastRun(edition: string): RunRecord | undefined {
    return this.latest(edition, () => true);
  }

  lastSuccess(edition: string): RunRecord | undefined {
    return this.latest(edition, (r) => r.outcome === 'success');
  }

  /** Every run of `edition`, oldest first. */
  all(edition: string): RunRecord[] {
    return [...this.runs.values()]
      .filter((r) => r.edition === edition)
      .sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime());
  }

  private latest(edition: string, keep: (r: RunRecord) => boolean): RunRecord | undefined {
    return this.all(edition).filter(keep).at(-1);
  }
}
