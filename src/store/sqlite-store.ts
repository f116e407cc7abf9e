import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Db, SqlParams } from './db.js';
import { isDamageError, StoreDamagedError, StoreError } from './errors.js';
import { removeLegacyFiles } from './legacy.js';
import { applyMigrations, MIGRATIONS, SQLITE_DIALECT, migrate } from './migrations.js';
import type { Store, StoreOptions } from './store.js';
import { DEFAULT_BUSY_TIMEOUT_MS, StoreScope, Turns } from './scope.js';

/** Opens the SQLite backend: WAL, a busy timeout, durable commits, checked before use. */
export async function openSqliteStore(path: string, options: StoreOptions): Promise<Store> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    const reason = `its folder cannot be used by this user (${(error as Error).message}); check the owner and permissions of ${dirname(path)}`;
    throw new StoreDamagedError(path, reason, { cause: error });
  }
  const database = openConnection(path, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
  // A file written by the earlier sql.js store is a normal SQLite file: once it opened, its lock and temp files go.
  removeLegacyFiles(path, options.log);
  let reader: Database.Database | undefined;
  try {
    const store = new SqliteStore(database, path, options);
    await store.migrate();
    reader = openReader(path, options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    store.attachReader(reader);
    return store;
  } catch (error) {
    reader?.close();
    database.close();
    throw error;
  }
}

/** Opens and checks the file; any sign of damage is a StoreDamagedError, the file left exactly as it was. */
export function openConnection(path: string, busyTimeoutMs: number, { readonly = false } = {}): Database.Database {
  if (existsSync(path)) {
    if (!statSync(path).isFile()) throw new StoreDamagedError(path, 'it is not a regular file');
    try {
      accessSync(path, readonly ? constants.R_OK : constants.R_OK | constants.W_OK);
    } catch (error) {
      const access = readonly ? 'read' : 'read and written';
      throw new StoreDamagedError(path, `it cannot be ${access} by this user (${(error as Error).message}); check its owner and permissions`, { cause: error });
    }
  }
  let database: Database.Database | undefined;
  try {
    database = new Database(path, { timeout: busyTimeoutMs, readonly, fileMustExist: readonly });
    // Checked before anything is written (switching to WAL writes the header): a damaged file stays as it was.
    // quick_check reads every page (a few ms for this database's size) and catches a truncated or overwritten file.
    const verdict = database.pragma('quick_check', { simple: true });
    if (verdict !== 'ok') throw new StoreDamagedError(path, `the integrity check found: ${String(verdict)}`);
    if (!readonly) {
      // WAL: readers never block the writer and a commit is one append; FULL: a commit is on disk when it returns.
      retryWhileBusy(() => database!.pragma('journal_mode = WAL'), busyTimeoutMs);
      database.pragma('synchronous = FULL');
    }
    database.pragma('foreign_keys = ON');
    return database;
  } catch (error) {
    database?.close();
    throw asStoreError(error, path);
  }
}

/** How long to wait before asking again while another process holds what `retryWhileBusy`'s statement needs. */
const BUSY_RETRY_MS = 10;
/** What `retryWhileBusy` waits on (nothing wakes it): a synchronous sleep. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** SQLite refused for a lock another connection holds (SQLITE_BUSY and its extended codes). */
function isBusy(error: unknown): boolean {
  return (error as { code?: string })?.code?.startsWith('SQLITE_BUSY') === true;
}

/**
 * Runs `statement`, again while it fails with SQLITE_BUSY, until `busyTimeoutMs` has passed. SQLite's own busy wait
 * does not cover every case: when two processes open a new database at once, both hold a read lock while each asks
 * for the write lock that switching to WAL takes, and SQLite answers one of them SQLITE_BUSY at once rather than let
 * both wait on each other. Asked again a moment later, it finds the switch made (WAL stays once set) or makes it.
 */
export function retryWhileBusy<T>(statement: () => T, busyTimeoutMs: number, now: () => number = Date.now): T {
  const deadline = now() + busyTimeoutMs;
  for (;;) {
    try {
      return statement();
    } catch (error) {
      if (!isBusy(error) || now() >= deadline) throw error;
      // Opening is synchronous: the thread sleeps as SQLite's own busy wait would.
      Atomics.wait(sleeper, 0, 0, BUSY_RETRY_MS);
    }
  }
}

/**
 * The second connection `read` uses: its snapshot (a deferred transaction in WAL) is not disturbed by the writer
 * connection's transactions, which may interleave with an awaiting read. Query-only: `read` must not write.
 */
function openReader(path: string, busyTimeoutMs: number): Database.Database {
  const reader = new Database(path, { timeout: busyTimeoutMs });
  try {
    reader.pragma('query_only = ON');
    return reader;
  } catch (error) {
    reader.close();
    throw asStoreError(error, path);
  }
}

/** SQLite's damage codes become a StoreDamagedError; a lock held too long a StoreError; others pass through. */
export function asStoreError(error: unknown, path: string): unknown {
  if (error instanceof StoreError) return error;
  if (isDamageError(error)) return new StoreDamagedError(path, `${(error as Error).message} (${(error as { code: string }).code})`, { cause: error });
  if ((error as { code?: string })?.code === 'SQLITE_FULL') {
    return new StoreError(`cannot write the database ${path}: the disk is full; nothing of this change was written. Free some space and retry`, {
      cause: error,
    });
  }
  if (isBusy(error)) {
    return new StoreError(
      `the database ${path} stayed locked by another process past the busy timeout; ` +
        `a long-running briefing process may hold it: wait for it to finish, then retry`,
      { cause: error },
    );
  }
  return error;
}

class SqliteStore implements Store {
  private readonly db: Db;
  private reader: { connection: Database.Database; db: Db } | undefined;
  private readonly turns = new Turns();
  /** Reads take turns on the reader connection: each is one snapshot from its BEGIN to its COMMIT. */
  private readonly readTurns = new Turns();
  private readonly scope = new StoreScope();
  private closed = false;
  private version = 0;

  constructor(
    private readonly database: Database.Database,
    readonly path: string,
    private readonly options: StoreOptions,
  ) {
    this.db = wrapConnection(database);
  }

  get schemaVersion(): number {
    return this.version;
  }

  attachReader(connection: Database.Database): void {
    this.reader = { connection, db: wrapConnection(connection) };
  }

  /** Applies missing migrations in one write transaction (two processes starting at once migrate once). */
  async migrate(): Promise<void> {
    const version = await this.guard(() => SQLITE_DIALECT.currentVersion(this.db));
    if (version > MIGRATIONS.length) {
      throw new StoreError(
        `the database ${this.path} has schema version ${version}, newer than this program supports (${MIGRATIONS.length}); ` +
          `upgrade briefing, or point it at another database file`,
      );
    }
    this.version = version;
    if (version === MIGRATIONS.length) return;
    // Another process may have migrated while this one waited for the lock: migrate() starts from the version read
    // inside the transaction.
    await applyMigrations(this.path, this.options, () =>
      this.runTransaction((db) => migrate(db, (this.options.now?.() ?? new Date()).toISOString(), SQLITE_DIALECT)),
    );
    this.version = MIGRATIONS.length;
  }

  async read<T>(fn: (db: Db) => Promise<T> | T): Promise<T> {
    this.assertOpen();
    const enclosing = this.scope.enclosing();
    if (enclosing) return this.guard(() => fn(enclosing));
    return this.readTurns.take(() => this.runRead(fn));
  }

  transaction<T>(fn: (db: Db) => T | Promise<T>): Promise<T> {
    return this.turns.take(() => this.runTransaction(fn));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reader?.connection.close();
    this.database.close();
  }

  private async runRead<T>(fn: (db: Db) => Promise<T> | T): Promise<T> {
    this.assertOpen();
    const { connection, db } = this.reader ?? { connection: this.database, db: this.db };
    return this.guard(async () => {
      connection.exec('BEGIN DEFERRED');
      try {
        return await this.scope.run(db, fn);
      } finally {
        if (connection.inTransaction) connection.exec('COMMIT');
      }
    });
  }

  private async runTransaction<T>(fn: (db: Db) => T | Promise<T>): Promise<T> {
    this.assertOpen();
    await this.beginImmediate();
    let result: T;
    try {
      result = await this.scope.run(this.db, fn);
    } catch (error) {
      if (this.database.inTransaction) this.database.exec('ROLLBACK');
      throw asStoreError(error, this.path);
    }
    try {
      this.database.exec('COMMIT');
    } catch (error) {
      if (this.database.inTransaction) this.database.exec('ROLLBACK');
      throw asStoreError(error, this.path);
    }
    return result;
  }

  /**
   * BEGIN IMMEDIATE takes the write lock at the start, so a read-then-write never fails midway. While another
   * connection holds it, this waits without blocking the event loop (SQLite's own busy wait would block it, and
   * with it a transaction of this same process that is awaiting something and holds the lock), trying again
   * every few milliseconds until the busy timeout.
   */
  private async beginImmediate(): Promise<void> {
    const timeoutMs = this.options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        this.database.pragma('busy_timeout = 0');
        try {
          this.database.exec('BEGIN IMMEDIATE');
        } finally {
          this.database.pragma(`busy_timeout = ${timeoutMs}`);
        }
        return;
      } catch (error) {
        const busy = isBusy(error);
        if (!busy || Date.now() >= deadline) throw asStoreError(error, this.path);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 + attempt * 2, 25)));
      this.assertOpen();
    }
  }

  private async guard<T>(fn: () => Promise<T> | T): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw asStoreError(error, this.path);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError(`the database ${this.path} is closed`);
  }
}

/** The Db surface over one connection; statements are prepared once and reused. */
function wrapConnection(database: Database.Database): Db {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  // Answered at once: SQLite runs in this process, the promises only match the Db interface.
  return {
    async run(sql: string, params: SqlParams = []): Promise<number> {
      return prepare(sql).run(...params).changes;
    },
    async all<T extends object>(sql: string, params: SqlParams = []): Promise<T[]> {
      return prepare(sql).all(...params) as T[];
    },
    async get<T extends object>(sql: string, params: SqlParams = []): Promise<T | undefined> {
      return prepare(sql).get(...params) as T | undefined;
    },
  };
}
