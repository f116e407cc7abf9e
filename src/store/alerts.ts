import type { Db } from './db.js';

/** When an alert of `kind` was last sent for `edition` (ISO 8601), or undefined. */
export async function lastAlertSentAt(db: Db, edition: string, kind: string): Promise<string | undefined> {
  return (await db.get<{ sent_at: string }>('SELECT sent_at FROM alerts_sent WHERE edition = ? AND kind = ?', [edition, kind]))?.sent_at;
}

/** Remembers that an alert of `kind` went out for `edition` at `at`; undefined forgets it (a send that reached no one). */
export async function recordAlertSent(db: Db, edition: string, kind: string, at: string | undefined): Promise<void> {
  if (at === undefined) {
    await db.run('DELETE FROM alerts_sent WHERE edition = ? AND kind = ?', [edition, kind]);
    return;
  }
  await db.run('INSERT INTO alerts_sent (edition, kind, sent_at) VALUES (?, ?, ?) ON CONFLICT (edition, kind) DO UPDATE SET sent_at = excluded.sent_at', [
    edition,
    kind,
    at,
  ]);
}
