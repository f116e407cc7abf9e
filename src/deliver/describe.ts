import { isUnconfirmed } from './deliver.js';
import type { OutboxStatus } from './outbox.js';
import type { OutboxRow } from '../store/outbox-types.js';

/** What an outcome or an outbox row needs for a sentence about it. */
export interface DescribedDelivery {
  status: OutboxStatus;
  /** pending: the next try; sending: the end of the sender's lease. */
  nextAttemptAt: string | null;
  sentAt: string | null;
  error: string | null;
  attempts: number;
  /** True when this command sent it now; false or absent for what an earlier run did. */
  sentNow?: boolean;
  recovered?: boolean;
}

/** Where a row stands, in the terms of a sentence about it (any channel). */
export function rowState(row: OutboxRow): DescribedDelivery {
  return {
    status: row.status,
    attempts: row.attempts,
    error: row.lastError,
    // For `sending`, the end of the sender's lease: after it the delivery is due again.
    nextAttemptAt: row.status === 'pending' || row.status === 'sending' ? row.nextAttemptAt : null,
    sentAt: row.sentAt,
  };
}

/**
 * One delivery in words, saying what actually happened: a rerun must not claim to have "sent" a message that an
 * earlier run delivered. `now` tells a live sender's lease from one a dead process left behind.
 */
export function describeDelivery(d: DescribedDelivery, now: Date): string {
  switch (d.status) {
    case 'sent':
      if (d.recovered) return `sent (accepted by the server before a crash${d.sentAt ? ` on ${d.sentAt}` : ''}; recorded now, not sent again)`;
      if (d.sentNow) return 'sent';
      return `already delivered on ${d.sentAt ?? 'an earlier run'}`;
    case 'pending':
      return `will retry at ${d.nextAttemptAt}${d.error ? ` (last error: ${d.error})` : ''}`;
    case 'sending': {
      const due = d.nextAttemptAt !== null && Date.parse(d.nextAttemptAt) <= now.getTime();
      return due
        ? `retrying now: its sender stopped (lease ran out at ${d.nextAttemptAt}); the next sweep or run sends it`
        : `being sent by another process (retried at ${d.nextAttemptAt} if that process died)`;
    }
    case 'failed':
      return isUnconfirmed({ status: d.status, lastError: d.error }) ? `unconfirmed: ${d.error!.replace(/^unconfirmed:\s*/, '')}` : `failed: ${d.error ?? 'unknown error'}`;
  }
}

/**
 * One outbox row as people see it (the server's API and its Deliveries page): the row without its payload and
 * message id, the sentence that says where it stands, and whether an operator may send it now.
 */
export function deliveryView(row: OutboxRow, now: Date) {
  return {
    edition: row.edition,
    date: row.date,
    channel: row.channel,
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    sentAt: row.sentAt,
    createdAt: row.createdAt,
    description: describeDelivery(rowState(row), now),
    canRetry: row.status === 'pending' || row.status === 'failed',
  };
}
