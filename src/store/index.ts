/**
 * The embedded database (SQLite through sql.js, one file, default under data/): articles seen, story threads,
 * editions produced, the delivery outbox and the scheduler's run claims.
 *
 *   const store = await openStore('data/briefing.sqlite');
 *   const claimed = await store.transaction((db) => claimRun(db, 'morning', dueAt.toISOString(), now));
 *   const last = store.read((db) => lastRun(db, 'morning'));
 *
 * Repository functions take the `db` handed to `transaction` (writes, persisted atomically on commit) or to
 * `read` (queries on the latest data on disk).
 */
export { openStore, StoreError, type Store, type StoreOptions, type StoreLogEntry } from './store.js';
export { StoreLockedError } from './lock.js';
export type { Db, SqlParams } from './sqljs.js';
export { SCHEMA_VERSION as STORE_SCHEMA_VERSION } from './migrations.js';
export * from './runs.js';
export * from './editions.js';
export * from './outbox.js';
export { SqliteOutbox } from './outbox-store.js';
export * from './memory-records.js';
export * from './heartbeat.js';
