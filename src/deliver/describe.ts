import { isUnconfirmed } from './deliver.js';
import type { OutboxStatus } from './outbox.js';

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
