import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** True while a process with this id exists (EPERM: it exists but belongs to another user). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `remove` on each entry of `dir` whose name carries the pid of a process that is gone (the first capture
 * group of `pattern`): what a run killed with kill -9 could not clean up itself. Entries of live processes, this
 * one included, are someone's work in progress and stay. Returns the paths removed.
 */
export async function removeOrphans(dir: string, pattern: RegExp, remove: (path: string) => Promise<void>): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const owner = pattern.exec(name)?.[1];
    if (owner === undefined || Number(owner) === process.pid || isProcessRunning(Number(owner))) continue;
    const path = join(dir, name);
    await remove(path).then(
      () => removed.push(path),
      () => undefined,
    );
  }
  return removed;
}
