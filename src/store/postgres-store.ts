/**
 * The PostgreSQL backend, for several processes on several machines sharing one database (`database:
 * postgres://...`). The repository functions' SQL runs unchanged: `?` placeholders become `$1, $2...`, and
 * integers come back as numbers as they do from SQLite.
 *
 * Write transactions: every one takes the same transaction-level advisory lock first (pg_advisory_xact_lock),
 * the equivalent of SQLite's BEGIN IMMEDIATE: writers run one at a time across all processes, so a
 * read-then-write (claim a run, claim a delivery) never races and never needs a retry. SERIALIZABLE would let
 * unrelated writes run in parallel, but a transaction failing with 40001 must be run again, and the `fn` given
 * to `transaction` is caller code that may not be safe to run twice. Our transactions are a few short statements,
 * so one lock is not the bottleneck (rendering and SMTP are). Reads are REPEATABLE READ READ ONLY: one snapshot.
 */
import pg from 'pg';
import type { Db, SqlParams } from './db.js';
import { redactDatabaseUrl } from './database-url.js';
import { StoreError } from './errors.js';
import { applyMigrations, MIGRATIONS, POSTGRES_REWRITES, migrate, type MigrationDialect } from './migrations.js';
import type { Store, StoreOptions } from './store.js';
import { DEFAULT_BUSY_TIMEOUT_MS, StoreScope, Turns } from './scope.js';

/** The advisory lock every write transaction (and the migration) holds: "brief" in ASCII, unlikely to collide. */
export const WRITE_LOCK_KEY = 0x6272696566;

/** int8 (COUNT, SUM, BIGINT columns) and numeric as numbers, as SQLite gives them; every other type as pg does. */
const NUMBER_TYPES = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMBER_TYPES.has(oid) ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export const POSTGRES_DIALECT: MigrationDialect = {
  async currentVersion(db) {
    const table = await db.get<{ present: boolean }>("SELECT to_regclass('schema_version') IS NOT NULL AS present");
    if (!table?.present) return 0;
    return (await db.get<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_version'))?.version ?? 0;
  },
  // The schema_version row is the record.
  async setVersion() {},
  rewrite: (sql) => POSTGRES_REWRITES.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), sql),
};

/** Connects, checks the server answers, and brings the schema up to date (one process at a time). */
export async function openPostgresStore(url: string, options: StoreOptions): Promise<Store> {
  const shown = redactDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, types, application_name: 'briefing', connectionTimeoutMillis: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
  // An idle connection the server drops (restart, network) is an 'error' on the pool: reported, never a crash;
  // the pool opens a new connection for the next query.
  pool.on('error', (error) => options.log?.({ level: 'warn', message: `database ${shown}: an idle connection was lost (${error.message}); reconnecting on next use` }));
  const store = new PostgresStore(pool, shown, options);
  try {
    await store.migrate();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return store;
}

class PostgresStore implements Store {
  private readonly turns = new Turns();
  private readonly scope = new StoreScope();
  private closed = false;
  private version = 0;

  constructor(
    private readonly pool: pg.Pool,
    readonly path: string,
    private readonly options: StoreOptions,
  ) {}

  get schemaVersion(): number {
    return this.version;
  }

  /**
   * Applies missing migrations in one write transaction under the write lock: several workers starting at once
   * wait for each other, and each reads the version inside the lock, so the migrations run once.
   */
  async migrate(): Promise<void> {
    await applyMigrations(this.path, this.options, () =>
      this.runTransaction(async (db) => {
        const version = await POSTGRES_DIALECT.currentVersion(db);
        if (version > MIGRATIONS.length) {
          throw new StoreError(
            `the database ${this.path} has schema version ${version}, newer than this program supports (${MIGRATIONS.length}); ` +
              `upgrade briefing on every machine that uses it, or point it at another database`,
          );
        }
        return migrate(db, (this.options.now?.() ?? new Date()).toISOString(), POSTGRES_DIALECT);
      }),
    );
    this.version = MIGRATIONS.length;
  }

  async read<T>(fn: (db: Db) => Promise<T> | T): Promise<T> {
    this.assertOpen();
    const enclosing = this.scope.enclosing();
    if (enclosing) return fn(enclosing);
    return this.withClient(async (client, db) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const result = await this.scope.run(db, fn);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  transaction<T>(fn: (db: Db) => T | Promise<T>): Promise<T> {
    return this.turns.take(() => this.runTransaction(fn));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async runTransaction<T>(fn: (db: Db) => T | Promise<T>): Promise<T> {
    this.assertOpen();
    const timeoutMs = this.options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    return this.withClient(async (client, db) => {
      await client.query('BEGIN');
      try {
        // lock_timeout bounds the wait for the lock, as SQLite's busy timeout does.
        await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(timeoutMs))}`);
        await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
        const result = await this.scope.run(db, fn);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /** A pooled connection for `work`; failures to connect or run become StoreErrors naming the database. */
  private async withClient<T>(work: (client: pg.PoolClient, db: Db) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw connectionError(this.path, error);
    }
    if (!watched.has(client)) {
      // A connection lost while checked out between two queries is an 'error' event: the next query reports it.
      watched.add(client);
      client.on('error', () => undefined);
    }
    let broken: Error | undefined;
    try {
      return await work(client, wrapClient(client));
    } catch (error) {
      if (isConnectionLoss(error)) broken = error as Error;
      throw asPostgresStoreError(this.path, error, this.options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    } finally {
      // A connection that failed is not given back to the pool for the next caller.
      client.release(broken);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError(`the database ${this.path} is closed`);
  }
}

const watched = new WeakSet<pg.PoolClient>();

/** The Db surface over one pooled connection. */
function wrapClient(client: pg.PoolClient): Db {
  return {
    async run(sql: string, params: SqlParams = []): Promise<number> {
      return (await client.query(toPositional(sql), params as unknown[])).rowCount ?? 0;
    },
    async all<T extends object>(sql: string, params: SqlParams = []): Promise<T[]> {
      return (await client.query(toPositional(sql), params as unknown[])).rows as T[];
    },
    async get<T extends object>(sql: string, params: SqlParams = []): Promise<T | undefined> {
      return (await client.query(toPositional(sql), params as unknown[])).rows[0] as T | undefined;
    },
  };
}

const positional = new Map<string, string>();

/**
 * `?` placeholders as PostgreSQL's `$1, $2, ...`, leaving alone any `?` inside a string literal, a quoted
 * identifier or a comment. Cached: the repository functions use a few dozen fixed statements.
 */
export function toPositional(sql: string): string {
  const cached = positional.get(sql);
  if (cached !== undefined) return cached;
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      // A quoted run ends at the next lone quote ('' and "" are escaped quotes, consumed as two characters).
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  if (positional.size < 1000) positional.set(sql, out);
  return out;
}

/** Error codes of a server that cannot be reached or refuses the connection. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  const message = (error as Error)?.message ?? '';
  return (code !== undefined && CONNECTION_CODES.has(code)) || /^08/.test(code ?? '') || /Connection terminated|timeout exceeded when trying to connect/i.test(message);
}

/** A connection that could not be made: the URL (password hidden), the cause, and what to check. */
export function connectionError(shown: string, error: unknown): StoreError {
  const code = (error as { code?: string })?.code;
  const message = (error as Error)?.message ?? String(error);
  let fix: string;
  if (code === '3D000') fix = `create the database first (createdb, or CREATE DATABASE), or correct its name in the database setting`;
  else if (code === '28P01' || code === '28000') fix = 'check the user and password (in the URL, PGPASSWORD or ~/.pgpass) and pg_hba.conf on the server';
  else fix = 'check that PostgreSQL is running and reachable at that host and port (pg_isready -d URL), or correct the database setting';
  return new StoreError(`cannot connect to the database ${shown}: ${message}${code ? ` (${code})` : ''}; ${fix}`, { cause: error });
}

/** Errors while connected: a lock wait past the busy timeout and lost connections get their own messages. */
function asPostgresStoreError(shown: string, error: unknown, timeoutMs: number): unknown {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: string })?.code;
  if (code === '55P03') {
    return new StoreError(
      `the database ${shown} stayed locked by another process's write for more than ${timeoutMs} ms; ` +
        `a long transaction may hold it: wait for it to finish, then retry`,
      { cause: error },
    );
  }
  if (isConnectionLoss(error)) return connectionError(shown, error);
  return error;
}

/**
 * `briefing db check` on PostgreSQL: connects and reads the schema version, changing nothing. The server keeps
 * its own pages sound (pg_amcheck checks them); what this finds is an unreachable server or a foreign schema.
 */
export async function checkPostgresDatabase(url: string): Promise<{ ok: boolean; problems: string[]; schemaVersion: number | null }> {
  const shown = redactDatabaseUrl(url);
  const client = new pg.Client({ connectionString: url, types, connectionTimeoutMillis: DEFAULT_BUSY_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    return { ok: false, problems: [connectionError(shown, error).message], schemaVersion: null };
  }
  try {
    const db = wrapClient(client as unknown as pg.PoolClient);
    const problems: string[] = [];
    const present = await db.get<{ present: boolean }>("SELECT to_regclass('schema_version') IS NOT NULL AS present");
    if (!present?.present) return { ok: false, problems: ['it is not a briefing database (no schema_version table)'], schemaVersion: null };
    const schemaVersion = await POSTGRES_DIALECT.currentVersion(db);
    if (schemaVersion > MIGRATIONS.length) {
      problems.push(`its schema version ${schemaVersion} is newer than this program supports (${MIGRATIONS.length}); upgrade briefing`);
    }
    return { ok: problems.length === 0, problems, schemaVersion };
  } finally {
    await client.end().catch(() => undefined);
  }
}
