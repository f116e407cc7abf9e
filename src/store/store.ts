import type { Db } from './db.js';
import { isPostgresUrl } from './database-url.js';
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
  /** The SQLite file, or the PostgreSQL URL without its password (safe to print). */
  readonly path: string;
  /** Schema version of the open database (the number of migrations applied). */
  readonly schemaVersion: number;
  /**
   * Runs queries on the latest committed data, as one consistent snapshot. `fn` must not write. Called inside
   * a `transaction` of this store (in its `fn`), it reads through that transaction and sees its writes.
   */
  read<T>(fn: (db: Db) => Promise<T> | T): Promise<T>;
  /**
   * Runs `fn` in one transaction that holds the write lock from its start (SQLite: BEGIN IMMEDIATE; PostgreSQL:
   * an advisory lock every writer takes), and commits durably before resolving; when `fn` throws, everything it
   * did is rolled back and the error is rethrown. Another process's write waits (up to the busy timeout) rather
   * than failing. Transactions of one store run one after another.
   */
  transaction<T>(fn: (db: Db) => T | Promise<T>): Promise<T>;
  /** Closes the connection(s). Waits for nothing: await your transactions first. */
  close(): Promise<void>;
}

/**
 * Opens (or creates) the database at `path` and brings its schema up to date: a SQLite file, or PostgreSQL when
 * `path` is a `postgres://` or `postgresql://` URL (the `database` setting). A damaged or unreadable file
 * stops with a StoreDamagedError naming the recovery commands; it is never replaced. A PostgreSQL server that
 * cannot be reached stops with a StoreError naming the URL (without its password) and what to check.
 */
export async function openStore(path: string, options: StoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(path)) {
    // Loaded only when used: the embedded default never loads the pg driver.
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore(path, options);
  }
  return openSqliteStore(path, options);
}
