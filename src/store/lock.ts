import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { BriefingError } from '../util/errors.js';

export interface LockOptions {
  /** How long to wait for another process to finish before giving up. */
  timeoutMs: number;
  pollMs: number;
  /** A lock file without a readable pid older than this is from a writer that died while creating it. */
  unreadableStaleMs?: number;
}

/** Thrown when another live process keeps the database locked past the timeout. */
export class StoreLockedError extends BriefingError {}

let counter = 0;

/**
 * Takes `<db>.lock`, an exclusive file (`wx`) holding the owner's pid, so that two processes never write the
 * database at once. A lock whose pid is no longer running is stale and taken over, so a killed writer never
 * blocks the next one. Resolves to the release function.
 */
export async function acquireLock(lockPath: string, options: LockOptions): Promise<() => void> {
  const token = `${process.pid} ${++counter}`;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (tryCreate(lockPath, token)) return () => release(lockPath, token);
    const holder = readHolder(lockPath);
    if (holder === 'gone') continue;
    if (isStale(lockPath, holder, options.unreadableStaleMs ?? 5_000)) {
      takeOver(lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder.pid === null ? 'another process' : `process ${holder.pid}`;
      throw new StoreLockedError(
        `the database is locked by ${who} (lock file ${lockPath}) and was not released within ${options.timeoutMs} ms; ` +
          `wait for that process to finish, or delete the lock file if no briefing process is running`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}

interface Holder {
  pid: number | null;
  content: string;
}

function tryCreate(lockPath: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new BriefingError(`cannot create the database lock file ${lockPath}: ${(error as Error).message}; check that its folder is writable`, {
      cause: error,
    });
  }
  try {
    writeSync(fd, `${token}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(lockPath: string): Holder | 'gone' {
  let content: string;
  try {
    content = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  const pid = Number.parseInt(content.trim().split(/\s+/)[0] ?? '', 10);
  return { pid: Number.isInteger(pid) && pid > 0 ? pid : null, content };
}

function isStale(lockPath: string, holder: Holder, unreadableStaleMs: number): boolean {
  if (holder.pid === null) {
    try {
      return Date.now() - statSync(lockPath).mtimeMs > unreadableStaleMs;
    } catch {
      return false;
    }
  }
  return !isRunning(holder.pid);
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves the stale lock aside rather than deleting it, and only if it still holds what we judged stale. */
function takeOver(lockPath: string, holder: Holder): void {
  const aside = `${lockPath}.stale-${process.pid}-${++counter}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    // unreadable: treat as what we saw
    moved = holder.content;
  }
  if (moved !== holder.content) {
    // Another process took the lock between our read and the rename: give it back.
    // link() fails rather than overwrite when yet another process has created a lock meanwhile.
    try {
      linkSync(aside, lockPath);
    } catch {
      /* a newer lock exists: it wins */
    }
  }
  rmSync(aside, { force: true });
}

function release(lockPath: string, token: string): void {
  try {
    if (readFileSync(lockPath, 'utf8').trim() === token) rmSync(lockPath, { force: true });
  } catch {
    // Already gone (taken over after we were presumed dead): nothing of ours to remove.
  }
}
