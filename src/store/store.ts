import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { BriefingError } from '../util/errors.js';
import { acquireLock, isRunning } from './lock.js';
import { MIGRATIONS, currentVersion, migrate } from './migrations.js';
import { loadSqlJs, wrapDatabase, type Db, type SqlDatabase } from './sqljs.js';
import type { SqlJsStatic } from 'sql.js';

export interface StoreLogEntry {
  level: 'info' | 'warn';
  message: string;
}

export interface StoreOptions {
  /** The clock for timestamps the store writes itself (migrations, corrupt-file names). */
  now?: () => Date;
  /** How long a transaction waits for another process's lock (default 10 s). */
  lockTimeoutMs?: number;
  lockPollMs?: number;
  log?: (entry: StoreLogEntry) => void;
  /** Replaces the atomic file write (tests use it to simulate a crash while persisting). */
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>;
}

export interface Store {
  readonly path: string;
  /** Schema version of the open database (the number of migrations applied). */
  readonly schemaVersion: number;
  /** Where a corrupt database file found at open was moved, or null. */
  readonly movedCorruptFile: string | null;
  /**
   * Runs read-only queries on the latest data: the file is re-loaded first when another process changed it.
   * `fn` must not write (writes outside a transaction would never reach the disk).
   */
  read<T>(fn: (db: Db) => T): T;
  /**
   * Runs `fn` in one SQLite transaction under the inter-process lock, on data re-loaded from disk when it changed,
   * then commits and writes the whole database atomically (temp file + rename): a process killed at any point
   * leaves the old or the new file, never a mix. When `fn` throws, nothing is written and the error is rethrown.
   * Transactions of one store run one after another.
   */
  transaction<T>(fn: (db: Db) => T | Promise<T>): Promise<T>;
  /** Frees the in-memory database. Waits for nothing: await your transactions first. */
  close(): void;
}

/** Thrown when the database cannot be used (a newer schema, an unreadable file). */
export class StoreError extends BriefingError {}

/**
 * Opens (or creates) the SQLite database at `path` and brings its schema up to date.
 * A file that is not a valid SQLite database is moved aside to `<path>.corrupt-<timestamp>` (reported through
 * `log` and `movedCorruptFile`) and a fresh database is started: it is never silently overwritten.
 */
export async function openStore(path: string, options: StoreOptions = {}): Promise<Store> {
  const SQL = await loadSqlJs();
  await mkdir(dirname(path), { recursive: true });
  const store = new SqlJsStore(SQL, path, options);
  await store.init();
  return store;
}

class SqlJsStore implements Store {
  readonly lockPath: string;
  movedCorruptFile: string | null = null;
  private database: SqlDatabase;
  private readonly db: Db;
  private fileSignature: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private inTransaction = false;
  private closed = false;

  constructor(
    private readonly SQL: SqlJsStatic,
    readonly path: string,
    private readonly options: StoreOptions,
  ) {
    this.lockPath = `${path}.lock`;
    this.database = new SQL.Database();
    this.db = wrapDatabase(() => this.database);
  }

  get schemaVersion(): number {
    return currentVersion(this.db);
  }

  async init(): Promise<void> {
    const release = await this.lock();
    try {
      removeDeadTempFiles(this.path);
      this.loadFromDisk({ recoverCorrupt: true });
      const version = currentVersion(this.db);
      if (version > MIGRATIONS.length) {
        throw new StoreError(
          `the database ${this.path} has schema version ${version}, newer than this program supports (${MIGRATIONS.length}); ` +
            `upgrade briefing, or point it at another database file`,
        );
      }
      if (version < MIGRATIONS.length) {
        this.database.run('BEGIN');
        try {
          const applied = migrate(this.db, this.now().toISOString());
          this.database.run('COMMIT');
          this.options.log?.({ level: 'info', message: `database ${this.path}: applied ${applied} schema migration(s), now at version ${MIGRATIONS.length}` });
        } catch (error) {
          this.database.run('ROLLBACK');
          throw new StoreError(`cannot migrate the database ${this.path}: ${(error as Error).message}`, { cause: error });
        }
        await this.persist();
      }
    } catch (error) {
      this.database.close();
      throw error;
    } finally {
      release();
    }
  }

  read<T>(fn: (db: Db) => T): T {
    this.assertOpen();
    if (!this.inTransaction) this.refresh();
    return fn(this.db);
  }

  transaction<T>(fn: (db: Db) => T | Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.runTransaction(fn));
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.database.close();
  }

  private async runTransaction<T>(fn: (db: Db) => T | Promise<T>): Promise<T> {
    this.assertOpen();
    const release = await this.lock();
    try {
      this.refresh();
      this.database.run('BEGIN');
      this.inTransaction = true;
      let result: T;
      try {
        result = await fn(this.db);
        this.database.run('COMMIT');
      } catch (error) {
        try {
          this.database.run('ROLLBACK');
        } catch {
          /* SQLite already rolled the transaction back itself */
        }
        throw error;
      } finally {
        this.inTransaction = false;
      }
      try {
        await this.persist();
      } catch (error) {
        // The memory copy is ahead of the file: go back to what the disk holds so nothing unsaved is believed.
        this.fileSignature = null;
        this.loadFromDisk({ recoverCorrupt: false });
        throw new StoreError(`cannot write the database ${this.path}: ${(error as Error).message}; check free space and permissions`, {
          cause: error,
        });
      }
      return result;
    } finally {
      release();
    }
  }

  private lock(): Promise<() => void> {
    return acquireLock(this.lockPath, { timeoutMs: this.options.lockTimeoutMs ?? 10_000, pollMs: this.options.lockPollMs ?? 20 });
  }

  private async persist(): Promise<void> {
    const bytes = this.database.export();
    await (this.options.writeFile ?? writeFileAtomic)(this.path, bytes);
    this.fileSignature = signature(this.path);
  }

  /** Re-loads the file when another process replaced it since we last read or wrote it. */
  private refresh(): void {
    const current = signature(this.path);
    if (current !== null && current !== this.fileSignature) this.loadFromDisk({ recoverCorrupt: false });
  }

  private loadFromDisk({ recoverCorrupt }: { recoverCorrupt: boolean }): void {
    if (!existsSync(this.path)) {
      this.replaceDatabase(new this.SQL.Database());
      this.fileSignature = null;
      return;
    }
    const before = signature(this.path);
    const bytes = readFileSync(this.path);
    const problem = validate(this.SQL, bytes);
    if (problem === null) {
      this.replaceDatabase(new this.SQL.Database(bytes));
      this.fileSignature = before;
      return;
    }
    if (!recoverCorrupt) {
      throw new StoreError(`the database ${this.path} is not a valid SQLite file (${problem}); reopen the store to move it aside`);
    }
    const aside = `${this.path}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.path, aside);
    this.movedCorruptFile = aside;
    this.options.log?.({
      level: 'warn',
      message: `the database ${this.path} is not a valid SQLite file (${problem}); moved it to ${basename(aside)} and started an empty one. ` +
        `Restore a backup over ${this.path} if you have one.`,
    });
    this.replaceDatabase(new this.SQL.Database());
    this.fileSignature = null;
  }

  private replaceDatabase(next: SqlDatabase): void {
    this.database.close();
    this.database = next;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError(`the database ${this.path} is closed`);
  }
}

/** Atomic writes replace the inode, so inode + mtime + size changes whenever another process persisted. */
function signature(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return null;
  }
}

/** null when the bytes are a readable SQLite database, else what is wrong. */
function validate(SQL: SqlJsStatic, bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  let probe: SqlDatabase | undefined;
  try {
    probe = new SQL.Database(bytes);
    const result = probe.exec('PRAGMA quick_check');
    const verdict = result[0]?.values[0]?.[0];
    return verdict === 'ok' ? null : `integrity check: ${String(verdict)}`;
  } catch (error) {
    return (error as Error).message;
  } finally {
    probe?.close();
  }
}

/** Temp files of writers killed before their rename (writeFileAtomic names them `.<name>.<pid>.<ms>.tmp`). */
function removeDeadTempFiles(path: string): void {
  const prefix = `.${basename(path)}.`;
  for (const name of readdirSync(dirname(path))) {
    const match = name.startsWith(prefix) ? /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (match && !isRunning(Number(match[1]))) rmSync(join(dirname(path), name), { force: true });
  }
}
