import type { Db } from './db.js';

/** The scheduler's record of one scheduled run; UNIQUE(edition, scheduledFor) makes a claim at-most-once. */
export interface RunRecord {
  edition: string;
  /** The instant the run was due (ISO 8601, UTC): the claim key, the same whoever claims it. */
  scheduledFor: string;
  claimedAt: string;
  finishedAt: string | null;
  /** 'running' until finished, then what the caller reports ('ok', 'failed', ...). */
  outcome: string;
  error: string | null;
}

interface RunRow {
  edition: string;
  scheduled_for: string;
  claimed_at: string;
  finished_at: string | null;
  outcome: string;
  error: string | null;
}

const toRun = (r: RunRow): RunRecord => ({
  edition: r.edition,
  scheduledFor: r.scheduled_for,
  claimedAt: r.claimed_at,
  finishedAt: r.finished_at,
  outcome: r.outcome,
  error: r.error,
});

/** Claims the run of `edition` due at `scheduledFor`; false when it was already claimed (by anyone, ever). */
export function claimRun(db: Db, edition: string, scheduledFor: string, now: Date): boolean {
  return (
    db.run('INSERT OR IGNORE INTO runs (edition, scheduled_for, claimed_at, outcome) VALUES (?, ?, ?, ?)', [
      edition,
      scheduledFor,
      now.toISOString(),
      'running',
    ]) === 1
  );
}

/** Records how a claimed run ended. */
export function finishRun(db: Db, edition: string, scheduledFor: string, outcome: string, now: Date, error: string | null = null): void {
  db.run('UPDATE runs SET finished_at = ?, outcome = ?, error = ? WHERE edition = ? AND scheduled_for = ?', [
    now.toISOString(),
    outcome,
    error,
    edition,
    scheduledFor,
  ]);
}

export function getRun(db: Db, edition: string, scheduledFor: string): RunRecord | undefined {
  const row = db.get<RunRow>('SELECT * FROM runs WHERE edition = ? AND scheduled_for = ?', [edition, scheduledFor]);
  return row && toRun(row);
}

/**
 * The most recently scheduled run of an edition (what `briefing status` shows and catch-up starts from);
 * with `outcome`, the most recent run that ended that way (e.g. the last success).
 */
export function lastRun(db: Db, edition: string, outcome?: string): RunRecord | undefined {
  const row =
    outcome === undefined
      ? db.get<RunRow>('SELECT * FROM runs WHERE edition = ? ORDER BY scheduled_for DESC LIMIT 1', [edition])
      : db.get<RunRow>('SELECT * FROM runs WHERE edition = ? AND outcome = ? ORDER BY scheduled_for DESC LIMIT 1', [edition, outcome]);
  return row && toRun(row);
}

/** Runs, newest scheduled first; all editions when `edition` is omitted. */
export function listRuns(db: Db, options: { edition?: string; limit?: number } = {}): RunRecord[] {
  const rows = options.edition
    ? db.all<RunRow>('SELECT * FROM runs WHERE edition = ? ORDER BY scheduled_for DESC LIMIT ?', [options.edition, options.limit ?? -1])
    : db.all<RunRow>('SELECT * FROM runs ORDER BY scheduled_for DESC, edition LIMIT ?', [options.limit ?? -1]);
  return rows.map(toRun);
}
