import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessRunning } from './process.js';

// writeFileSet's temp files and backups: `.<file name>.<pid>.<ms>.tmp` and `.<file name>.<pid>.<ms>.bak`.
const LEFTOVER = /^\..+\.(\d+)\.\d+\.(?:tmp|bak)$/;

/**
 * Removes the temp files and backups that a writer killed mid-write (kill -9, a power cut) left in `dir`; those of
 * live processes are someone's write in progress and stay. The visible files are not touched: they are whatever
 * the killed writer had renamed into place.
 */
export async function removeWriteLeftovers(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const owner = LEFTOVER.exec(name)?.[1];
    if (owner === undefined || Number(owner) === process.pid || isProcessRunning(Number(owner))) continue;
    await rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}
