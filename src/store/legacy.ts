import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { StoreLogEntry } from './store.js';

/**
 * The one-time import of a database written by the earlier sql.js store. Its file is a normal SQLite file in
 * rollback-journal mode, which SQLite opens as it is (and switches to WAL); what is left are that store's own
 * helpers: the pid lock `<db>.lock` (SQLite's locking replaces it, and a stale one could name a live pid after a
 * container restart) and the temp files of writes that were killed before their rename.
 */
export function removeLegacyFiles(path: string, log?: (entry: StoreLogEntry) => void): void {
  const folder = dirname(path);
  const tempPrefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const legacyLock = name === `${basename(path)}.lock`;
    // writeFileAtomic named its temp files `.<name>.<pid>.<ms>.tmp`.
    const legacyTemp = name.startsWith(tempPrefix) && /^\d+\.\d+\.tmp$/.test(name.slice(tempPrefix.length));
    if (!legacyLock && !legacyTemp) continue;
    rmSync(join(folder, name), { force: true });
    log?.({ level: 'info', message: `database ${path}: removed ${name}, left by the earlier sql.js store (SQLite locks the file itself now)` });
  }
}
