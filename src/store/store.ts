import type { Db } from './db.js';
import { openSqliteStore } from './sqlite-store.js';

export interface StoreLogEntry {
  level: 'info' | 'warn';
  message: string;
}

export interface StoreOptions {
  /** The clock for timestamps the store writes itself (migrations). */
  now?: () => Date;
  /** How long a write waits for another process's transaction before failing (default 10 s). */
  busyTimeoutMs?: number;
  log?: (entry: StoreLogEntry) => void;
}

/**
 * The database every caller sees, whatever the backend: callers pass repository functions (src/store/*.ts,
 * which hold the SQL) to `read` or `transaction`, and never see the driver.
 */
export interface Store {
  readonly path: string;
  /** Schema version of the open database (the number of migrations applied). */
  readonly schemaVersion: number;
  /** Runs queries on the latest committed data, as one consistent snapshot. `fn` must not write. */
  read<T>(fn: (db: Db) => T): T;
  /**
   * Runs `fn` in one transaction that holds the write lock from its start (BEGIN IMMEDIATE), and commits
   * durably before resolving; when `fn` throws, everything it did is rolled back and the error is rethrown.
   * Another process's write waits (up to the busy timeout) rather than failing. Transactions of one store run
   * one after another.
   */
  transaction<T>(fn: (db: Db) => T | Promise<T>): Promise<T>;
  /** Closes the connection. Waits for nothing: await your transactions first. */
  close(): void;
}

/**
 * Opens (or creates) the database at `path` and brings its schema up to date. A damaged or unreadable file
 * stops with a StoreDamagedError naming the recovery commands; it is never replaced.
 */
export async function openStore(path: string, options: StoreOptions = {}): Promise<Store> {
  // One backend today; a second one (e.g. PostgreSQL for a `postgres://` database setting) is chosen here.
  return openSqliteStore(path, options);
}
