import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './db.js';

/** How long a write waits for another process's transaction before it fails, on either backend. */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/**
 * The transaction (or read) code runs inside, for both backends: a read made from within one goes through it (it
 * sees its writes, and neither waits for its own turn nor takes another snapshot). Code that outlives the
 * transaction (started inside, awaited after) finds it closed and reads on its own.
 */
export class StoreScope {
  private readonly current = new AsyncLocalStorage<{ db: Db; open: boolean }>();

  /** The Db of the open transaction or read this code runs inside, if any. */
  enclosing(): Db | undefined {
    const own = this.current.getStore();
    return own?.open ? own.db : undefined;
  }

  /** Runs `fn` inside `db`'s transaction or read, which closes when `fn` settles. */
  async run<T>(db: Db, fn: (db: Db) => T | Promise<T>): Promise<T> {
    const context = { db, open: true };
    try {
      return await this.current.run(context, () => fn(db));
    } finally {
      context.open = false;
    }
  }
}

/** Work one at a time, in the order asked (a backend's transactions, SQLite's reads); one failing does not stop the next. */
export class Turns {
  private last: Promise<unknown> = Promise.resolve();

  take<T>(work: () => Promise<T>): Promise<T> {
    const run = this.last.then(work);
    this.last = run.catch(() => undefined);
    return run;
  }
}
