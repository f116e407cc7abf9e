import { whereEqual, type Db } from './db.js';
import type { OutboxKey, OutboxRow, OutboxStatus } from './outbox-types.js';

/** The table's columns. */
interface OutboxColumns {
  edition: string;
  date: string;
  channel: string;
  recipient: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  message_id: string | null;
  sent_at: string | null;
  payload_json: string | null;
  created_at: string;
}

function toRow<C extends string>(r: OutboxColumns): OutboxRow<C> {
  return {
    edition: r.edition,
    date: r.date,
    channel: r.channel as C,
    recipient: r.recipient,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    messageId: r.message_id,
    sentAt: r.sent_at,
    payload: r.payload_json === null ? null : (JSON.parse(r.payload_json) as unknown),
    createdAt: r.created_at,
  };
}

const WHERE_KEY = 'edition = ? AND date = ? AND channel = ? AND recipient = ?';
const keyParams = (key: OutboxKey) => [key.edition, key.date, key.channel, key.recipient];

/**
 * Puts a delivery in the outbox as 'pending', due at `now`. True when it is new; enqueuing the same key again
 * changes nothing (false), so a re-run or a restart never creates a second message.
 */
export async function enqueueDelivery(db: Db, key: OutboxKey, now: Date, payload?: unknown): Promise<boolean> {
  return (
    (await db.run(
      `INSERT INTO outbox (edition, date, channel, recipient, status, attempts, next_attempt_at, payload_json, created_at)
       VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [...keyParams(key), now.toISOString(), payload === undefined ? null : JSON.stringify(payload), now.toISOString()],
    )) === 1
  );
}

export async function findDelivery<C extends string = string>(db: Db, key: OutboxKey<C>): Promise<OutboxRow<C> | undefined> {
  const row = await db.get<OutboxColumns>(`SELECT * FROM outbox WHERE ${WHERE_KEY}`, keyParams(key));
  return row && toRow<C>(row);
}

/**
 * Deliveries due at `now`: 'pending' ones whose time has come, and 'sending' ones whose lease ran out (the
 * sender died between claiming and recording), oldest due first.
 */
export async function dueDeliveries<C extends string = string>(
  db: Db,
  now: Date,
  scope: { edition?: string; date?: string } = {},
): Promise<OutboxRow<C>[]> {
  const filter = whereEqual({ edition: scope.edition, date: scope.date });
  const rows = await db.all<OutboxColumns>(
    `SELECT * FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?${filter.and} ORDER BY next_attempt_at, id`,
    [now.toISOString(), ...filter.params],
  );
  return rows.map((r) => toRow<C>(r));
}

/**
 * Takes a due delivery to send it: status 'sending', attempts + 1, `nextAttemptAt = leaseUntil`. The message id
 * is kept from the first claim, so every retry carries the same one. Undefined when it is not claimable (sent,
 * failed, not yet due, or held by a sender whose lease is still running).
 */
export async function claimDelivery<C extends string = string>(
  db: Db,
  key: OutboxKey<C>,
  messageId: string,
  leaseUntil: Date,
  now: Date,
): Promise<OutboxRow<C> | undefined> {
  const changed = await db.run(
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1, message_id = COALESCE(message_id, ?), next_attempt_at = ?
     WHERE ${WHERE_KEY} AND status IN ('pending', 'sending') AND next_attempt_at <= ?`,
    [messageId, leaseUntil.toISOString(), ...keyParams(key), now.toISOString()],
  );
  return changed === 1 ? findDelivery(db, key) : undefined;
}

/** Records a successful send. */
export async function markSent(db: Db, key: OutboxKey, sentAt: Date, messageId?: string): Promise<void> {
  await db.run(`UPDATE outbox SET status = 'sent', sent_at = ?, message_id = COALESCE(?, message_id), last_error = NULL WHERE ${WHERE_KEY}`, [
    sentAt.toISOString(),
    messageId ?? null,
    ...keyParams(key),
  ]);
}

/** A transient failure: back to 'pending', not tried again before `nextAttemptAt`. A sent delivery stays sent. */
export async function scheduleRetry(db: Db, key: OutboxKey, nextAttemptAt: Date, error: string): Promise<void> {
  await db.run(`UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ? WHERE ${WHERE_KEY} AND status != 'sent'`, [
    error,
    nextAttemptAt.toISOString(),
    ...keyParams(key),
  ]);
}

/** A permanent failure (or retries exhausted): kept as 'failed' with its reason, for `briefing status`. */
export async function markFailed(db: Db, key: OutboxKey, error: string): Promise<void> {
  await db.run(`UPDATE outbox SET status = 'failed', last_error = ? WHERE ${WHERE_KEY} AND status != 'sent'`, [error, ...keyParams(key)]);
}

/** Outbox entries, newest date first, filtered by any of edition, date and status. */
export async function listOutbox<C extends string = string>(
  db: Db,
  filter: { edition?: string; date?: string; status?: OutboxStatus } = {},
): Promise<OutboxRow<C>[]> {
  const where = whereEqual({ edition: filter.edition, date: filter.date, status: filter.status });
  const rows = await db.all<OutboxColumns>(
    `SELECT * FROM outbox WHERE 1 = 1${where.and} ORDER BY date DESC, edition, channel, recipient`,
    where.params,
  );
  return rows.map((r) => toRow<C>(r));
}
