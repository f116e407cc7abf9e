import type { Db } from './db.js';

/**
 * Schema migrations, applied in order. The database's `PRAGMA user_version` is the number of migrations applied,
 * and `schema_version` keeps when each was applied, for people reading the file with other tools.
 * Never edit a published migration: add a new one.
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

export function currentVersion(db: Db): number {
  return db.get<{ user_version: number }>('PRAGMA user_version')?.user_version ?? 0;
}

/** Applies the missing migrations; returns how many were applied. The caller holds the transaction. */
export function migrate(db: Db, appliedAt: string): number {
  const from = currentVersion(db);
  for (let version = from + 1; version <= MIGRATIONS.length; version++) {
    for (const statement of splitStatements(MIGRATIONS[version - 1]!)) db.run(statement);
    db.run('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)', [version, appliedAt]);
    db.run(`PRAGMA user_version = ${version}`);
  }
  return MIGRATIONS.length - from;
}

function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s !== '');
}
