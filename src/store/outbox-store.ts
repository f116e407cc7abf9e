import {
  claimDelivery,
  dueDeliveries,
  enqueueDelivery,
  findDelivery,
  listOutbox,
  markFailed,
  markSent,
  scheduleRetry,
  type DeliveryKey,
  type OutboxEntry,
} from './outbox.js';
import type { Store } from './store.js';

/**
 * The outbox functions bound to a store, one transaction (and one atomic write) per step, in the shape delivery
 * uses (`OutboxStore` in src/deliver/outbox.ts): `new SqliteOutbox<ChannelName>(store)`.
 */
export class SqliteOutbox<C extends string = string> {
  constructor(private readonly store: Store) {}

  enqueue(key: DeliveryKey<C>, now: Date): Promise<boolean> {
    return this.store.transaction((db) => enqueueDelivery(db, key, now));
  }

  async get(key: DeliveryKey<C>): Promise<OutboxEntry<C> | undefined> {
    return this.store.read((db) => findDelivery(db, key));
  }

  async listDue(scope: { edition: string; date: string }, now: Date): Promise<OutboxEntry<C>[]> {
    return this.store.read((db) => dueDeliveries<C>(db, now, scope));
  }

  claim(key: DeliveryKey<C>, messageId: string, leaseUntil: Date, now: Date): Promise<OutboxEntry<C> | undefined> {
    return this.store.transaction((db) => claimDelivery(db, key, messageId, leaseUntil, now));
  }

  markSent(key: DeliveryKey<C>, messageId: string, sentAt: Date): Promise<void> {
    return this.store.transaction((db) => markSent(db, key, sentAt, messageId));
  }

  reschedule(key: DeliveryKey<C>, nextAttemptAt: Date, error: string): Promise<void> {
    return this.store.transaction((db) => scheduleRetry(db, key, nextAttemptAt, error));
  }

  markFailed(key: DeliveryKey<C>, error: string): Promise<void> {
    return this.store.transaction((db) => markFailed(db, key, error));
  }

  async list(filter: { edition?: string; date?: string } = {}): Promise<OutboxEntry<C>[]> {
    return this.store.read((db) => listOutbox<C>(db, filter));
  }
}
