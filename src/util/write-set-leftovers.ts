import { rm } from 'node:fs/promises';
import { removeOrphans } from './process.js';

// writeFileSet's temp files and backups: `.<file name>.<pid>.<ms>.tmp` and `.<file name>.<pid>.<ms>.bak`.
const LEFTOVER = /^\..+\.(\d+)\.\d+\.(?:tmp|bak)$/;

/**
 * Removes the temp files and backups that a writer killed mid-write (kill -9, a power cut) left in `dir`; those of
 * live processes are someone's write in progress and stay. The visible files are not touched: they are whatever
 * the killed writer had renamed into place.
 */
export async function removeWriteLeftovers(dir: string): Promise<void> {
  await removeOrphans(dir, LEFTOVER, (path) => rm(path, { force: true }));
}
