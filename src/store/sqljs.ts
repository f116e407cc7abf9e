import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';

export type { Database as SqlDatabase, SqlValue };

let sqlJs: Promise<SqlJsStatic> | undefined;

/** sql.js compiles SQLite to WebAssembly once per process; every store shares the module. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

/** Parameters bound to `?` placeholders, in order. */
export type SqlParams = readonly SqlValue[];

/**
 * The synchronous query surface the repository functions use, inside `store.read` or `store.transaction`.
 * Rows come back as plain objects keyed by column name.
 */
export interface Db {
  /** Runs a statement; returns the number of rows it changed. */
  run(sql: string, params?: SqlParams): number;
  all<T extends object>(sql: string, params?: SqlParams): T[];
  get<T extends object>(sql: string, params?: SqlParams): T | undefined;
}

export function wrapDatabase(current: () => Database): Db {
  return {
    run(sql, params = []) {
      const db = current();
      db.run(sql, [...params]);
      return db.getRowsModified();
    },
    all<T extends object>(sql: string, params: SqlParams = []): T[] {
      const statement = current().prepare(sql);
      try {
        statement.bind([...params]);
        const rows: T[] = [];
        while (statement.step()) rows.push(statement.getAsObject() as T);
        return rows;
      } finally {
        statement.free();
      }
    },
    get<T extends object>(sql: string, params: SqlParams = []): T | undefined {
      return this.all<T>(sql, params)[0];
    },
  };
}
