import type { Db } from './db.js';

/** When an alert of `kind` was last sent for `edition` (ISO 8601), or undefined. */
export function lastAlertSentAt(db: Db, edition: string, kind: string): string | undefined {
  return db.get<{ sent_at: string }>('SELECT sent_at FROM alerts_sent WHERE edition = ? AND kind = ?', [edition, kind])?.sent_at;
}

/** Remembers that an alert of `kind` went out for `edition` at `at`; undefined forgets it (a send that reached no one). */
export function recordAlertSent(db: Db, edition: string, kind: string, at: string | undefined): void {
  if (at === undefined) {
    db.run('DELETE FROM alerts_sent WHERE edition = ? AND kind = ?', [edition, kind]);
    return;
  }
  db.run('INSERT INTO alerts_sent (edition, kind, sent_at) VALUES (?, ?, ?) ON CONFLICT (edition, kind) DO UPDATE SET sent_at = excluded.sent_at', [
    edition,
    kind,
    at,
  ]);
}
