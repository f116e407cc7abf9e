/*
 * The outbox's one row type and the interface delivery uses, whatever the backend (src/deliver narrows the
 * channel to its ChannelName). The SQL is in outbox.ts, the implementation on a Store in outbox-store.ts.
 */

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

/**
 * What delivery needs from the outbox, bound to a store (`outboxStore(store)`). Every method is one atomic,
 * durable step, so a process killed between two calls leaves a row in a state the next run knows how to continue.
 */
export interface OutboxStore<C extends string = string> {
  /** INSERT ... ON CONFLICT DO NOTHING: true when the row is new, false when it already existed (a rerun never duplicates). */
  enqueue(key: OutboxKey<C>, now: Date): Promise<boolean>;
  get(key: OutboxKey<C>): Promise<OutboxRow<C> | undefined>;
  /** Rows (of the edition and/or date, when given) that are `pending` or `sending` with `nextAttemptAt <= now`. */
  listDue(scope: { edition?: string; date?: string }, now: Date): Promise<OutboxRow<C>[]>;
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
