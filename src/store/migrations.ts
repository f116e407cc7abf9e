import type { Db } from './db.js';
import { StoreError } from './errors.js';
import type { StoreOptions } from './store.js';

/**
 * Schema migrations, applied in order, the same list on every backend. The `schema_version` table keeps each
 * version applied and when; SQLite's `PRAGMA user_version` also holds the number of migrations applied (where
 * SQLite databases have always kept it). Never edit a published migration: add a new one, in SQL both backends
 * accept. Where a published one is not (SQLite's AUTOINCREMENT), POSTGRES_REWRITES translates it for PostgreSQL,
 * so SQLite files keep exactly the schema they were created with.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
  );
  -- Articles already reported, per edition: by normalized URL and by content fingerprint.
  CREATE TABLE articles_seen (
    edition TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL,
    first_seen_date TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    title TEXT NOT NULL,
    UNIQUE (edition, content_hash)
  );
  CREATE INDEX articles_seen_url ON articles_seen (edition, url);
  CREATE INDEX articles_seen_thread ON articles_seen (edition, thread_id);
  CREATE TABLE threads (
    edition TEXT NOT NULL,
    id TEXT NOT NULL,
    first_date TEXT NOT NULL,
    last_new_date TEXT NOT NULL,
    signature TEXT NOT NULL,
    headline TEXT NOT NULL,
    PRIMARY KEY (edition, id)
  );
  -- Minimal records of the events of a thread, so later timelines can show them.
  CREATE TABLE thread_events (
    edition TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    date TEXT,
    date_certain INTEGER NOT NULL,
    headline TEXT NOT NULL,
    article_ids TEXT NOT NULL,
    article_keys TEXT NOT NULL,
    first_seen_date TEXT NOT NULL,
    PRIMARY KEY (edition, thread_id, event_id)
  );
  -- The dates memory was recorded for, so "the last edition" is known even when it had nothing new.
  CREATE TABLE memory_days (
    edition TEXT NOT NULL,
    date TEXT NOT NULL,
    PRIMARY KEY (edition, date)
  );
  CREATE TABLE editions (
    edition TEXT NOT NULL,
    date TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    inputs_digest TEXT,
    outputs_json TEXT NOT NULL DEFAULT '[]',
    durations_json TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL,
    error TEXT,
    PRIMARY KEY (edition, date)
  );
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    edition TEXT NOT NULL,
    date TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    message_id TEXT,
    sent_at TEXT,
    payload_json TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (edition, date, channel, recipient)
  );
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  CREATE TABLE runs (
    edition TEXT NOT NULL,
    scheduled_for TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT NOT NULL DEFAULT 'running',
    error TEXT,
    UNIQUE (edition, scheduled_for)
  );
  `,
  `
  -- When an alert of each kind was last sent for an edition: the rate limit of alerts, shared by every process.
  CREATE TABLE alerts_sent (
    edition TEXT NOT NULL,
    kind TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (edition, kind)
  );
  `,
  `
  -- One row per scheduler process, written every tick, so \`briefing status\` can tell whether one is running.
  CREATE TABLE scheduler_heartbeats (
    host TEXT NOT NULL,
    pid INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    stopped_at TEXT,
    PRIMARY KEY (host, pid, started_at)
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** What differs between backends around the one list of migrations. */
export interface MigrationDialect {
  /** The number of migrations applied (0 for an empty database). */
  currentVersion(db: Db): Promise<number>;
  /** Records that `version` is applied, besides the schema_version row every backend writes. */
  setVersion(db: Db, version: number): Promise<void>;
  /** The migration's SQL as this backend needs it. */
  rewrite(sql: string): string;
}

export const SQLITE_DIALECT: MigrationDialect = {
  async currentVersion(db) {
    return (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
  },
  async setVersion(db, version) {
    await db.run(`PRAGMA user_version = ${version}`);
  },
  rewrite: (sql) => sql,
};

/**
 * The published migrations' SQLite-only phrases and their PostgreSQL equivalents. Only these are rewritten; a new
 * migration should need none.
 */
export const POSTGRES_REWRITES: readonly (readonly [RegExp, string])[] = [
  // outbox.id (migration 1): the same ever-growing integer key.
  [/\bINTEGER PRIMARY KEY AUTOINCREMENT\b/g, 'INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY'],
];

/** Applies the missing migrations; returns how many were applied. The caller holds the transaction and its lock. */
export async function migrate(db: Db, appliedAt: string, dialect: MigrationDialect): Promise<number> {
  const from = await dialect.currentVersion(db);
  for (let version = from + 1; version <= MIGRATIONS.length; version++) {
    for (const statement of splitStatements(dialect.rewrite(MIGRATIONS[version - 1]!))) await db.run(statement);
    await db.run('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)', [version, appliedAt]);
    await dialect.setVersion(db, version);
  }
  return Math.max(0, MIGRATIONS.length - from);
}

function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s !== '');
}

/**
 * Runs a backend's migration step (`step` returns how many migrations it applied) with what both backends say: a
 * failure as a StoreError naming the database, the migrations applied as one line in the store's log.
 */
export async function applyMigrations(path: string, options: StoreOptions, step: () => Promise<number>): Promise<void> {
  let applied: number;
  try {
    applied = await step();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot migrate the database ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (applied > 0) options.log?.({ level: 'info', message: `database ${path}: applied ${applied} schema migration(s), now at version ${MIGRATIONS.length}` });
}
