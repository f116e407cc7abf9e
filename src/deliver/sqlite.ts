import { SqliteOutbox, type Store } from '../store/index.js';
import type { OutboxStore } from './outbox.js';
import type { ChannelName } from './types.js';

/**
 * The outbox on the SQLite database (src/store/): each step one transaction, written to disk atomically before
 * it resolves, under the store's inter-process lock. Typed here so that a change on either side fails to compile.
 */
export function sqliteOutboxStore(store: Store): OutboxStore {
  return new SqliteOutbox<ChannelName>(store);
}
