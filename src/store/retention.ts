import type { Db } from './db.js';

/** Rows removed by one prune, per table. */
export interface PruneResult {
  articlesSeen: number;
  threads: number;
  threadEvents: number;
  memoryDays: number;
  runs: number;
  editions: number;
  outbox: number;
}

/**
 * Forgets what is older than `olderThan` (the `retentionDays` setting): story memory, run claims, edition
 * records and finished outbox rows. Kept whatever their age: outbox rows still `pending` or `sending` (a
 * delivery is owed until it is sent or fails), and the latest run and edition record of each edition (where
 * `briefing status` and the scheduler's catch-up start from). Dates compare as text: 'YYYY-MM-DD' and ISO instants.
 */
export async function prune(db: Db, olderThan: Date): Promise<PruneResult> {
  const day = olderThan.toISOString().slice(0, 10);
  const instant = olderThan.toISOString();
  return {
    articlesSeen: await db.run('DELETE FROM articles_seen WHERE first_seen_date < ?', [day]),
    threads: await db.run('DELETE FROM threads WHERE last_new_date < ?', [day]),
    threadEvents: await db.run('DELETE FROM thread_events WHERE first_seen_date < ?', [day]),
    memoryDays: await db.run('DELETE FROM memory_days WHERE date < ?', [day]),
    runs: await db.run(
      `DELETE FROM runs WHERE scheduled_for < ?
       AND scheduled_for < (SELECT MAX(latest.scheduled_for) FROM runs AS latest WHERE latest.edition = runs.edition)`,
      [instant],
    ),
    editions: await db.run(
      `DELETE FROM editions WHERE date < ?
       AND date < (SELECT MAX(latest.date) FROM editions AS latest WHERE latest.edition = editions.edition)`,
      [day],
    ),
    outbox: await db.run(`DELETE FROM outbox WHERE date < ? AND status IN ('sent', 'failed')`, [day]),
  };
}

/** The instant before which rows are pruned: `retentionDays` whole days before `now`. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}
