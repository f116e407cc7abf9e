import {
  claimDelivery,
  dueDeliveries,
  enqueueDelivery,
  findDelivery,
  listOutbox,
  markFailed,
  markSent,
  scheduleRetry,
} from './outbox.js';
import type { OutboxKey, OutboxRow, OutboxStore } from './outbox-types.js';
import type { Store } from './store.js';

/**
 * The outbox of a store in the shape delivery uses: each step one durable transaction. Works on any Store
 * backend, since it only passes repository functions to `read` and `transaction`.
 */
export function outboxStore<C extends string = string>(store: Store): OutboxStore<C> {
  return new StoreOutbox<C>(store);
}

class StoreOutbox<C extends string> implements OutboxStore<C> {
  constructor(private readonly store: Store) {}

  enqueue(key: OutboxKey<C>, now: Date): Promise<boolean> {
    return this.store.transaction((db) => enqueueDelivery(db, key, now));
  }

  async get(key: OutboxKey<C>): Promise<OutboxRow<C> | undefined> {
    return this.store.read((db) => findDelivery(db, key));
  }

  async listDue(scope: { edition?: string; date?: string }, now: Date): Promise<OutboxRow<C>[]> {
    return this.store.read((db) => dueDeliveries<C>(db, now, scope));
  }

  claim(key: OutboxKey<C>, messageId: string, leaseUntil: Date, now: Date): Promise<OutboxRow<C> | undefined> {
    return this.store.transaction((db) => claimDelivery(db, key, messageId, leaseUntil, now));
  }

  markSent(key: OutboxKey<C>, messageId: string, sentAt: Date): Promise<void> {
    return this.store.transaction((db) => markSent(db, key, sentAt, messageId));
  }

  reschedule(key: OutboxKey<C>, nextAttemptAt: Date, error: string): Promise<void> {
    return this.store.transaction((db) => scheduleRetry(db, key, nextAttemptAt, error));
  }

  markFailed(key: OutboxKey<C>, error: string): Promise<void> {
    return this.store.transaction((db) => markFailed(db, key, error));
  }

  async list(filter: { edition?: string; date?: string } = {}): Promise<OutboxRow<C>[]> {
    return this.store.read((db) => listOutbox<C>(db, filter));
  }
}
