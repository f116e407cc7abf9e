/**
 * The database (SQLite through better-sqlite3, one file, default data/briefing.sqlite; or PostgreSQL for several
 * machines, `database: postgres://...`): articles seen, story threads, editions produced, the delivery outbox and
 * the scheduler's run claims.
 *
 *   const store = await openStore('data/briefing.sqlite');
 *   const claimed = await store.transaction((db) => claimRun(db, 'morning', dueAt.toISOString(), now));
 *   const last = await store.read((db) => lastRun(db, 'morning'));
 *
 * Repository functions take the `db` handed to `transaction` (writes, committed durably) or to `read` (queries on
 * the latest committed data). All SQL stays in this folder.
 */
export { openStore, type Store, type StoreOptions, type StoreLogEntry } from './store.js';
export { StoreError, StoreDamagedError, recoveryAdvice } from './errors.js';
export { isPostgresUrl, redactDatabaseUrl } from './database-url.js';
export type { Db, SqlParams, SqlValue } from './db.js';
export { SCHEMA_VERSION as STORE_SCHEMA_VERSION } from './migrations.js';
export * from './runs.js';
export * from './editions.js';
export * from './outbox-types.js';
export * from './outbox.js';
export { outboxStore } from './outbox-store.js';
export * from './memory-records.js';
export { prune, retentionCutoff, type PruneResult } from './retention.js';
export { checkDatabase, backupDatabase, restoreDatabase, type DatabaseCheck } from './maintenance.js';
export * from './alerts.js';
export * from './heartbeat.js';
