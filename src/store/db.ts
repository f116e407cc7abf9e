/** A value bound to a `?` placeholder. Booleans and dates are converted by the repository functions. */
export type SqlValue = string | number | bigint | Buffer | null;

/** Parameters bound to `?` placeholders, in order. */
export type SqlParams = readonly SqlValue[];

/**
 * The query surface the repository functions use, inside `store.read` or `store.transaction`. Rows come back as
 * plain objects keyed by column name, with the same JavaScript types on every backend (integers and counts as
 * numbers). Asynchronous because a network database cannot answer otherwise; SQLite answers at once.
 * This is the seam between the repository functions (which hold the SQL) and a backend (which runs it): see the
 * store paragraph of ARCHITECTURE.md.
 *
 * The SQL must run on SQLite and PostgreSQL alike: `?` placeholders, `INSERT ... ON CONFLICT DO NOTHING` (not
 * `INSERT OR IGNORE`), no `rowid`, no negative LIMIT, no `? IS NULL` tests on a bare parameter (PostgreSQL cannot
 * type it: build the WHERE clause instead), CASE rather than two-argument MIN/MAX.
 */
export interface Db {
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: SqlParams): Promise<number>;
  all<T extends object>(sql: string, params?: SqlParams): Promise<T[]>;
  get<T extends object>(sql: string, params?: SqlParams): Promise<T | undefined>;
}

/** ` LIMIT n` for a whole number, '' for none (a negative LIMIT means "no limit" only to SQLite). */
export function limitClause(limit: number | undefined): string {
  return limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.trunc(limit))}`;
}

/**
 * ` AND column = ?` for each filter that is set, with its parameters: optional filters without `? IS NULL OR`
 * (whose bare parameter PostgreSQL cannot type). Column names come from the caller's code, never from input.
 */
export function whereEqual(filters: Record<string, string | undefined>): { and: string; params: string[] } {
  const set = Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return { and: set.map(([column]) => ` AND ${column} = ?`).join(''), params: set.map(([, value]) => value) };
}
