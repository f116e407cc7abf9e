import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Chromium profiles live in the temp folder as `briefing-chromium-<owner pid>-<random>`. */
const PROFILE_PREFIX = 'briefing-chromium-';
const PROFILE_NAME = /^briefing-chromium-(\d+)-[^/]+$/;

/** A fresh profile folder named after this process, so a later run can tell whether its owner is still alive. */
export function createProfileDir(parent: string = tmpdir()): Promise<string> {
  return mkdtemp(join(parent, `${PROFILE_PREFIX}${process.pid}-`));
}

/**
 * Removes the profiles whose owner process is gone: a run killed with SIGKILL cannot remove its own (about 2 MB
 * each). Profiles of live processes, this one included, are left alone. Returns the folders removed.
 */
export async function sweepStaleProfiles(parent: string = tmpdir()): Promise<string[]> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const owner = PROFILE_NAME.exec(name)?.[1];
    if (owner === undefined || Number(owner) === process.pid || isAlive(Number(owner))) continue;
    const dir = join(parent, name);
    await rm(dir, { recursive: true, force: true, maxRetries: 2 }).then(
      () => removed.push(dir),
      () => undefined,
    );
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
