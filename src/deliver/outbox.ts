import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ChannelName } from './types.js';

/** One delivery: at most one outbox row exists per key, whatever happens. */
export interface OutboxKey {
  edition: string;
  date: string;
  channel: ChannelName;
  recipient: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxRow extends OutboxKey {
  status: OutboxStatus;
  attempts: number;
  /** ISO instant. For `pending`: when it may be tried; for `sending`: when the claim's lease runs out. */
  nextAttemptAt: string;
  lastError: string | null;
  messageId: string | null;
  sentAt: string | null;
}

/**
 * What delivery needs from the database (`src/store/` implements it on SQLite). Every method is one atomic
 * step, so a process killed between two calls leaves a row in a state the next run knows how to continue.
 */
export interface OutboxStore {
  /** INSERT OR IGNORE: true when the row is new, false when it already existed (a rerun never duplicates). */
  enqueue(key: OutboxKey, now: Date): Promise<boolean>;
  get(key: OutboxKey): Promise<OutboxRow | undefined>;
  /** Rows of the edition and date that are `pending` or `sending` with `nextAttemptAt <= now`. */
  listDue(scope: { edition: string; date: string }, now: Date): Promise<OutboxRow[]>;
  /**
   * Takes a due row (pending, or sending whose lease ran out): status `sending`, attempts + 1, the message id
   * recorded unless one already is, `nextAttemptAt = leaseUntil`. Returns undefined when the row is not claimable (sent, failed,
   * not yet due, or claimed by a live run).
   */
  claim(key: OutboxKey, messageId: string, leaseUntil: Date, now: Date): Promise<OutboxRow | undefined>;
  markSent(key: OutboxKey, messageId: string, sentAt: Date): Promise<void>;
  /** Back to `pending`, tried again at `nextAttemptAt`. Neither this nor markFailed reopens a sent row. */
  reschedule(key: OutboxKey, nextAttemptAt: Date, error: string): Promise<void>;
  markFailed(key: OutboxKey, error: string): Promise<void>;
  /** Every row, optionally of one edition and/or date, for reports and `briefing status`. */
  list(filter?: { edition?: string; date?: string }): Promise<OutboxRow[]>;
}

export function outboxKeyString(key: OutboxKey): string {
  return JSON.stringify([key.edition, key.date, key.channel, key.recipient]);
}

/**
 * The SQLite implementation is `SqliteOutbox` in src/store/ (`new SqliteOutbox<ChannelName>(await openStore(path))`).
 *
 * An OutboxStore kept in memory, optionally mirrored to a JSON file after every change (written to a temp file,
 * fsynced, renamed), so it survives a killed process. For tests and for running without the SQLite store.
 */
export class MemoryOutboxStore implements OutboxStore {
  private readonly rows = new Map<string, OutboxRow>();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as OutboxRow[];
      for (const row of saved) this.rows.set(outboxKeyString(row), row);
    }
  }

  async enqueue(key: OutboxKey, now: Date): Promise<boolean> {
    const id = outboxKeyString(key);
    if (this.rows.has(id)) return false;
    this.rows.set(id, {
      edition: key.edition,
      date: key.date,
      channel: key.channel,
      recipient: key.recipient,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now.toISOString(),
      lastError: null,
      messageId: null,
      sentAt: null,
    });
    this.save();
    return true;
  }

  async get(key: OutboxKey): Promise<OutboxRow | undefined> {
    const row = this.rows.get(outboxKeyString(key));
    return row && { ...row };
  }

  async listDue(scope: { edition: string; date: string }, now: Date): Promise<OutboxRow[]> {
    return [...this.rows.values()]
      .filter((row) => row.edition === scope.edition && row.date === scope.date)
      .filter((row) => (row.status === 'pending' || row.status === 'sending') && Date.parse(row.nextAttemptAt) <= now.getTime())
      .map((row) => ({ ...row }));
  }

  async claim(key: OutboxKey, messageId: string, leaseUntil: Date, now: Date): Promise<OutboxRow | undefined> {
    const row = this.rows.get(outboxKeyString(key));
    if (!row || (row.status !== 'pending' && row.status !== 'sending') || Date.parse(row.nextAttemptAt) > now.getTime()) return undefined;
    Object.assign(row, { status: 'sending', attempts: row.attempts + 1, messageId: row.messageId ?? messageId, nextAttemptAt: leaseUntil.toISOString() });
    this.save();
    return { ...row };
  }

  async markSent(key: OutboxKey, messageId: string, sentAt: Date): Promise<void> {
    this.update(key, { status: 'sent', messageId, sentAt: sentAt.toISOString(), lastError: null });
  }

  async reschedule(key: OutboxKey, nextAttemptAt: Date, error: string): Promise<void> {
    if (this.rows.get(outboxKeyString(key))?.status === 'sent') return;
    this.update(key, { status: 'pending', nextAttemptAt: nextAttemptAt.toISOString(), lastError: error });
  }

  async markFailed(key: OutboxKey, error: string): Promise<void> {
    if (this.rows.get(outboxKeyString(key))?.status === 'sent') return;
    this.update(key, { status: 'failed', lastError: error });
  }

  async list(filter: { edition?: string; date?: string } = {}): Promise<OutboxRow[]> {
    return [...this.rows.values()]
      .filter((row) => (filter.edition === undefined || row.edition === filter.edition) && (filter.date === undefined || row.date === filter.date))
      .map((row) => ({ ...row }));
  }

  private update(key: OutboxKey, change: Partial<OutboxRow>): void {
    const row = this.rows.get(outboxKeyString(key));
    if (!row) throw new Error(`outbox: no row for ${outboxKeyString(key)}; enqueue it first`);
    Object.assign(row, change);
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = join(dirname(this.file), `.${basename(this.file)}.${process.pid}.tmp`);
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify([...this.rows.values()]));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }
}
