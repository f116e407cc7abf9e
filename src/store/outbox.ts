import type { Db } from './db.js';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** What identifies one delivery: each is sent at most once (UNIQUE in the table). */
export interface OutboxKey<C extends string = string> {
  edition: string;
  date: string;
  /** 'file', 'email', 'webhook', ... (src/deliver narrows it to its ChannelName) */
  channel: C;
  /** An address, a URL or a folder: whatever the channel delivers to. */
  recipient: string;
}

/** One delivery in the outbox: the one outbox type, for the store, delivery and `briefing status`. */
export interface OutboxRow<C extends string = string> extends OutboxKey<C> {
  status: OutboxStatus;
  attempts: number;
  /** ISO 8601. For 'pending': not tried before then; for 'sending': when the sender's lease runs out. */
  nextAttemptAt: string;
  lastError: string | null;
  /** The stable Message-ID (e-mail) or delivery id (webhook), fixed at the first claim. */
  messageId: string | null;
  sentAt: string | null;
  /** Channel-specific data given at enqueue (output paths, subject...), or null. */
  payload: unknown;
  createdAt: string;
}

/** @deprecated the earlier name of OutboxKey, kept while parallel branches merge. */
export type DeliveryKey<C extends string = string> = OutboxKey<C>;
/** @deprecated the earlier name of OutboxRow, kept while parallel branches merge. */
export type OutboxEntry<C extends string = string> = OutboxRow<C>;

/**
 * What delivery needs from the outbox, bound to a store (`outboxStore(store)`). Every method is one atomic,
 * durable step, so a process killed between two calls leaves a row in a state the next run knows how to continue.
 */
export interface OutboxStore<C extends string = string> {
  /** INSERT OR IGNORE: true when the row is new, false when it already existed (a rerun never duplicates). */
  enqueue(key: OutboxKey<C>, now: Date): Promise<boolean>;
  get(key: OutboxKey<C>): Promise<OutboxRow<C> | undefined>;
  /** Rows of the edition and date that are `pending` or `sending` with `nextAttemptAt <= now`. */
  listDue(scope: { edition: string; date: string }, now: Date): Promise<OutboxRow<C>[]>;
  /**
   * Takes a due row (pending, or sending whose lease ran out): status `sending`, attempts + 1, the message id
   * recorded unless one already is, `nextAttemptAt = leaseUntil`. Undefined when the row is not claimable (sent,
   * failed, not yet due, or claimed by a live run).
   */
  claim(key: OutboxKey<C>, messageId: string, leaseUntil: Date, now: Date): Promise<OutboxRow<C> | undefined>;
  markSent(key: OutboxKey<C>, messageId: string, sentAt: Date): Promise<void>;
  /** Back to `pending`, tried again at `nextAttemptAt`. Neither this nor markFailed reopens a sent row. */
  reschedule(key: OutboxKey<C>, nextAttemptAt: Date, error: string): Promise<void>;
  markFailed(key: OutboxKey<C>, error: string): Promise<void>;
  /** Every row, optionally of one edition and/or date, for reports and `briefing status`. */
  list(filter?: { edition?: string; date?: string }): Promise<OutboxRow<C>[]>;
}

/** A key as one string, for maps and file names. */
export function outboxKeyString(key: OutboxKey): string {
  return JSON.stringify([key.edition, key.date, key.channel, key.recipient]);
}

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
export function enqueueDelivery(db: Db, key: OutboxKey, now: Date, payload?: unknown): boolean {
  return (
    db.run(
      `INSERT OR IGNORE INTO outbox (edition, date, channel, recipient, status, attempts, next_attempt_at, payload_json, created_at)
       VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
      [...keyParams(key), now.toISOString(), payload === undefined ? null : JSON.stringify(payload), now.toISOString()],
    ) === 1
  );
}

export function findDelivery<C extends string = string>(db: Db, key: OutboxKey<C>): OutboxRow<C> | undefined {
  const row = db.get<OutboxColumns>(`SELECT * FROM outbox WHERE ${WHERE_KEY}`, keyParams(key));
  return row && toRow<C>(row);
}

/**
 * Deliveries due at `now`: 'pending' ones whose time has come, and 'sending' ones whose lease ran out (the
 * sender died between claiming and recording), oldest due first.
 */
export function dueDeliveries<C extends string = string>(db: Db, now: Date, scope: { edition?: string; date?: string } = {}): OutboxRow<C>[] {
  return db
    .all<OutboxColumns>(
      `SELECT * FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?
       AND (? IS NULL OR edition = ?) AND (? IS NULL OR date = ?) ORDER BY next_attempt_at, rowid`,
      [now.toISOString(), scope.edition ?? null, scope.edition ?? null, scope.date ?? null, scope.date ?? null],
    )
    .map((r) => toRow<C>(r));
}

/**
 * Takes a due delivery to send it: status 'sending', attempts + 1, `nextAttemptAt = leaseUntil`. The message id
 * is kept from the first claim, so every retry carries the same one. Undefined when it is not claimable (sent,
 * failed, not yet due, or held by a sender whose lease is still running).
 */
export function claimDelivery<C extends string = string>(
  db: Db,
  key: OutboxKey<C>,
  messageId: string,
  leaseUntil: Date,
  now: Date,
): OutboxRow<C> | undefined {
  const changed = db.run(
    `UPDATE outbox SET status = 'sending', attempts = attempts + 1, message_id = COALESCE(message_id, ?), next_attempt_at = ?
     WHERE ${WHERE_KEY} AND status IN ('pending', 'sending') AND next_attempt_at <= ?`,
    [messageId, leaseUntil.toISOString(), ...keyParams(key), now.toISOString()],
  );
  return changed === 1 ? findDelivery(db, key) : undefined;
}

/** Records a successful send. */
export function markSent(db: Db, key: OutboxKey, sentAt: Date, messageId?: string): void {
  db.run(`UPDATE outbox SET status = 'sent', sent_at = ?, message_id = COALESCE(?, message_id), last_error = NULL WHERE ${WHERE_KEY}`, [
    sentAt.toISOString(),
    messageId ?? null,
    ...keyParams(key),
  ]);
}

/** A transient failure: back to 'pending', not tried again before `nextAttemptAt`. A sent delivery stays sent. */
export function scheduleRetry(db: Db, key: OutboxKey, nextAttemptAt: Date, error: string): void {
  db.run(`UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ? WHERE ${WHERE_KEY} AND status != 'sent'`, [
    error,
    nextAttemptAt.toISOString(),
    ...keyParams(key),
  ]);
}

/** A permanent failure (or retries exhausted): kept as 'failed' with its reason, for `briefing status`. */
export function markFailed(db: Db, key: OutboxKey, error: string): void {
  db.run(`UPDATE outbox SET status = 'failed', last_error = ? WHERE ${WHERE_KEY} AND status != 'sent'`, [error, ...keyParams(key)]);
}

/** Outbox entries, newest date first, filtered by any of edition, date and status. */
export function listOutbox<C extends string = string>(
  db: Db,
  filter: { edition?: string; date?: string; status?: OutboxStatus } = {},
): OutboxRow<C>[] {
  return db
    .all<OutboxColumns>(
      `SELECT * FROM outbox WHERE (? IS NULL OR edition = ?) AND (? IS NULL OR date = ?) AND (? IS NULL OR status = ?)
       ORDER BY date DESC, edition, channel, recipient`,
      [filter.edition ?? null, filter.edition ?? null, filter.date ?? null, filter.date ?? null, filter.status ?? null, filter.status ?? null],
    )
    .map((r) => toRow<C>(r));
}
