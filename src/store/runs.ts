import { limitClause, type Db } from './db.js';

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
export async function claimRun(db: Db, edition: string, scheduledFor: string, now: Date): Promise<boolean> {
  return (
    (await db.run('INSERT INTO runs (edition, scheduled_for, claimed_at, outcome) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
      edition,
      scheduledFor,
      now.toISOString(),
      'running',
    ])) === 1
  );
}

/** Records how a claimed run ended. */
export async function finishRun(db: Db, edition: string, scheduledFor: string, outcome: string, now: Date, error: string | null = null): Promise<void> {
  await db.run('UPDATE runs SET finished_at = ?, outcome = ?, error = ? WHERE edition = ? AND scheduled_for = ?', [
    now.toISOString(),
    outcome,
    error,
    edition,
    scheduledFor,
  ]);
}

export async function getRun(db: Db, edition: string, scheduledFor: string): Promise<RunRecord | undefined> {
  const row = await db.get<RunRow>('SELECT * FROM runs WHERE edition = ? AND scheduled_for = ?', [edition, scheduledFor]);
  return row && toRun(row);
}

/**
 * The most recently scheduled run of an edition (what `briefing status` shows and catch-up starts from);
 * with `outcome`, the most recent run that ended that way (e.g. the last success).
 */
export async function lastRun(db: Db, edition: string, outcome?: string): Promise<RunRecord | undefined> {
  const row =
    outcome === undefined
      ? await db.get<RunRow>('SELECT * FROM runs WHERE edition = ? ORDER BY scheduled_for DESC LIMIT 1', [edition])
      : await db.get<RunRow>('SELECT * FROM runs WHERE edition = ? AND outcome = ? ORDER BY scheduled_for DESC LIMIT 1', [edition, outcome]);
  return row && toRun(row);
}

/** Runs, newest scheduled first; all editions when `edition` is omitted. */
export async function listRuns(db: Db, options: { edition?: string; limit?: number } = {}): Promise<RunRecord[]> {
  const where = options.edition ? 'WHERE edition = ?' : '';
  const sql = `SELECT * FROM runs ${where} ORDER BY scheduled_for DESC, edition${limitClause(options.limit)}`;
  const rows = await db.all<RunRow>(sql, options.edition ? [options.edition] : []);
  return rows.map(toRun);
}
