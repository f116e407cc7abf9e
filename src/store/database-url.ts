/**
 * The `database` setting is a SQLite file path or a PostgreSQL URL. Pure helpers shared by the configuration
 * (which validates the setting) and the store (which picks the backend), so both agree on what a URL is.
 */

/** True for `postgres://...` and `postgresql://...` (any case): the PostgreSQL backend. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(database);
}

/** The URL with its password replaced by `***`, for messages and logs. */
export function redactDatabaseUrl(database: string): string {
  if (!isPostgresUrl(database)) return database;
  try {
    const url = new URL(database);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return database.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
  }
}

/** Why a PostgreSQL URL cannot be used, or undefined when it can: `postgres://[user[:password]@]host[:port]/database`. */
export function postgresUrlProblem(database: string): string | undefined {
  let url: URL;
  try {
    url = new URL(database);
  } catch {
    return 'it is not a valid URL; write it as postgres://USER@HOST:PORT/DATABASE';
  }
  if (!url.hostname && !url.searchParams.get('host')) return 'it names no host; write it as postgres://USER@HOST:PORT/DATABASE';
  if (url.pathname.length <= 1) return 'it names no database; add it after the host, as in postgres://USER@HOST:PORT/briefing';
  return undefined;
}
