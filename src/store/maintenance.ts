import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import Database from 'better-sqlite3';
import { isPostgresUrl, redactDatabaseUrl } from './database-url.js';
import { StoreDamagedError, StoreError } from './errors.js';
import { SCHEMA_VERSION } from './migrations.js';
import { DEFAULT_BUSY_TIMEOUT_MS } from './scope.js';
import { openConnection } from './sqlite-store.js';

/** What `briefing db check` reports. */
export interface DatabaseCheck {
  path: string;
  ok: boolean;
  /** The integrity check's findings, or why the file could not be opened; empty when ok. */
  problems: string[];
  /** The schema version of the file (migrations applied), null when it could not be read. */
  schemaVersion: number | null;
  /** The schema version this program writes. */
  supportedVersion: number;
}

/** A file-name-safe timestamp: 2025-07-11T06-00-00Z. */
function stamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/**
 * Runs SQLite's full integrity check on the file and reads its schema version; changes nothing. On PostgreSQL
 * (a URL), connects and reads the schema version: the server checks its own pages (pg_amcheck does it on demand).
 */
export async function checkDatabase(path: string): Promise<DatabaseCheck> {
  if (isPostgresUrl(path)) {
    const { checkPostgresDatabase } = await import('./postgres-store.js');
    return { path: redactDatabaseUrl(path), supportedVersion: SCHEMA_VERSION, ...(await checkPostgresDatabase(path)) };
  }
  return checkSqliteFile(path);
}

function checkSqliteFile(path: string): DatabaseCheck {
  const result: DatabaseCheck = { path, ok: false, problems: [], schemaVersion: null, supportedVersion: SCHEMA_VERSION };
  if (!existsSync(path)) throw new StoreError(`there is no database at ${path}; it is created by the first run (check the database setting)`);
  let database;
  try {
    database = openConnection(path, DEFAULT_BUSY_TIMEOUT_MS, { readonly: true });
  } catch (error) {
    if (!(error instanceof StoreDamagedError)) throw error;
    result.problems.push(error.reason);
    return result;
  }
  try {
    const findings = database.pragma('integrity_check') as { integrity_check: string }[];
    result.problems = findings.map((row) => row.integrity_check).filter((finding) => finding !== 'ok');
    result.schemaVersion = database.pragma('user_version', { simple: true }) as number;
    const hasSchemaTable = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get() !== undefined;
    if (!hasSchemaTable) result.problems.push('it is not a briefing database (no schema_version table)');
    if (result.schemaVersion > SCHEMA_VERSION) {
      result.problems.push(`its schema version ${result.schemaVersion} is newer than this program supports (${SCHEMA_VERSION}); upgrade briefing`);
    }
  } catch (error) {
    result.problems.push((error as Error).message);
  } finally {
    database.close();
  }
  result.ok = result.problems.length === 0;
  return result;
}

/**
 * Copies the database with SQLite's online backup (consistent even while a scheduler writes to it) to `target`,
 * or to `<name>.backup-<timestamp><ext>` beside it. A damaged database is not backed up (copy the file by hand).
 * Resolves to the backup's path.
 */
export async function backupDatabase(path: string, options: { target?: string; now?: Date } = {}): Promise<string> {
  if (isPostgresUrl(path)) {
    const file = options.target ?? `briefing-${stamp(options.now ?? new Date())}.dump`;
    throw new StoreError(
      `briefing does not back up a PostgreSQL database itself: use PostgreSQL's own tool, ` +
        `pg_dump --format=custom --file=${file} '${redactDatabaseUrl(path)}' (the password from PGPASSWORD or ~/.pgpass)`,
    );
  }
  const now = options.now ?? new Date();
  const ext = extname(path);
  const target = options.target ?? join(dirname(path), `${basename(path, ext)}.backup-${stamp(now)}${ext || '.sqlite'}`);
  if (!existsSync(path)) throw new StoreError(`there is no database at ${path} to back up`);
  if (existsSync(target)) throw new StoreError(`${target} already exists; name another backup file`);
  const database = openConnection(path, DEFAULT_BUSY_TIMEOUT_MS, { readonly: true });
  try {
    await database.backup(target);
    // One self-contained file, to copy and keep anywhere (the copy would otherwise be a WAL-mode file, whose every
    // reader leaves -wal and -shm files beside it).
    const copy = new Database(target);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
  } catch (error) {
    rmSync(target, { force: true });
    throw new StoreError(`cannot write the backup ${target}: ${(error as Error).message}`, { cause: error });
  } finally {
    database.close();
  }
  return target;
}

/**
 * Replaces the database with `backup` after checking that the backup is a sound briefing database. The current
 * file (damaged or not) is kept as `<db>.damaged-<timestamp>` with its WAL, and the backup is copied beside the
 * database and renamed over it, so the database path holds either the old file or the whole backup.
 * Stop the scheduler before restoring. Resolves to where the previous file was kept (null when there was none).
 */
export function restoreDatabase(path: string, backup: string, options: { now?: Date } = {}): { keptAs: string | null } {
  if (isPostgresUrl(path)) {
    throw new StoreError(
      `briefing does not restore a PostgreSQL database itself: stop the workers and schedulers, then use PostgreSQL's own tool, ` +
        `pg_restore --clean --if-exists --dbname='${redactDatabaseUrl(path)}' ${backup} (a dump made with pg_dump --format=custom)`,
    );
  }
  if (!existsSync(backup)) throw new StoreError(`there is no backup at ${backup}`);
  const check = checkSqliteFile(backup);
  if (!check.ok) throw new StoreError(`${backup} is not a usable briefing database, nothing was restored: ${check.problems.join('; ')}`);
  const temp = join(dirname(path), `.${basename(path)}.restore-${process.pid}.tmp`);
  mkdirSync(dirname(path), { recursive: true });
  copyFileSync(backup, temp);
  syncFile(temp);
  let keptAs: string | null = null;
  if (existsSync(path)) {
    keptAs = `${path}.damaged-${stamp(options.now ?? new Date())}`;
    // A hard link keeps the old file under its new name while the database path still holds it.
    linkSync(path, keptAs);
    // The WAL belongs to the old file: left in place, SQLite would replay it onto the restored one.
    if (existsSync(`${path}-wal`)) renameSync(`${path}-wal`, `${keptAs}-wal`);
    rmSync(`${path}-shm`, { force: true });
  }
  renameSync(temp, path);
  syncFile(dirname(path));
  return { keptAs };
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
