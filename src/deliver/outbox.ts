import { outboxStore, type OutboxKey as StoreOutboxKey, type OutboxRow as StoreOutboxRow, type OutboxStore as StoreOutboxStore, type Store } from '../store/index.js';
import type { ChannelName } from './types.js';

/*
 * The outbox belongs to the store (src/store/outbox.ts: the row, its key, the OutboxStore interface and its
 * implementation on any Store backend). Delivery uses them with its channel names.
 */
export { outboxKeyString, type OutboxStatus } from '../store/index.js';
export type OutboxKey = StoreOutboxKey<ChannelName>;
export type OutboxRow = StoreOutboxRow<ChannelName>;
export type OutboxStore = StoreOutboxStore<ChannelName>;

/** The outbox of `store` typed with delivery's channel names. */
export function deliveryOutbox(store: Store): OutboxStore {
  return outboxStore<ChannelName>(store);
}
