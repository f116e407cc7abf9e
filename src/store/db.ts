/** A value bound to a `?` placeholder. Booleans and dates are converted by the repository functions. */
export type SqlValue = string | number | bigint | Buffer | null;

/** Parameters bound to `?` placeholders, in order. */
export type SqlParams = readonly SqlValue[];

/**
 * The synchronous query surface the repository functions use, inside `store.read` or `store.transaction`.
 * Rows come back as plain objects keyed by column name. This is the seam between the repository functions (which
 * hold the SQL) and a backend (which runs it): see the store row of ARCHITECTURE.md.
 */
export interface Db {
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: SqlParams): number;
  all<T extends object>(sql: string, params?: SqlParams): T[];
  get<T extends object>(sql: string, params?: SqlParams): T | undefined;
}
