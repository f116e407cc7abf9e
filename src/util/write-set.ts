import { link, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { OutputError } from './errors.js';
import { removeWriteLeftovers } from './write-set-leftovers.js';

/** One file of a set: its name inside the target folder and its bytes. */
export interface FileToWrite {
  filename: string;
  content: string | Uint8Array;
}

/** The file operations a set is written with; tests replace one to inject a full disk or a failing rename. */
export interface WriteSetFs {
  mkdir(dir: string): Promise<unknown>;
  /** Writes the whole content and flushes it to the disk (fsync) before returning. */
  writeDurable(path: string, content: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  rm(path: string): Promise<void>;
  /** Flushes the folder's entries (the renames) to the disk; best effort. */
  syncDir(dir: string): Promise<void>;
}

export const realWriteSetFs: WriteSetFs = {
  mkdir: (dir) => mkdir(dir, { recursive: true }),
  async writeDurable(path, content) {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  link,
  rm: (path) => rm(path, { force: true }),
  async syncDir(dir) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

/**
 * realWriteSetFs without flushing anything to the disk, for outputs nobody reads after a crash (the server's job
 * folders, which it empties when it starts): the set is still written all or nothing. The flushes (a file's fsync,
 * the folder's) were about 3 ms of the kernel's CPU and 6 ms of waiting per briefing of three files.
 */
export const unflushedWriteSetFs: WriteSetFs = {
  ...realWriteSetFs,
  writeDurable: (path, content) => writeFile(path, content, { flag: 'wx' }),
  syncDir: async () => undefined,
};

/**
 * Writes the files of one briefing into `dir` all or nothing: readers see the previous set or the complete new one,
 * never a mix. Every file is first written (and fsynced) to a temp file in `dir`; only when all are complete are they
 * renamed over the targets. The previous files are kept as hard-linked backups until every rename succeeded, so a
 * rename failing midway puts the previous set back. Temp files and backups are always removed, and those of writers
 * killed mid-write are removed by the next write to the folder.
 * Any file-system failure becomes an OutputError naming the path, the cause and the fix. Returns the written paths.
 */
export async function writeFileSet(dir: string, files: readonly FileToWrite[], fs: WriteSetFs = realWriteSetFs): Promise<string[]> {
  const stamp = `${process.pid}.${Date.now()}`;
  const entries = files.map((file) => ({
    target: join(dir, file.filename),
    temp: join(dir, `.${basename(file.filename)}.${stamp}.tmp`),
    backup: join(dir, `.${basename(file.filename)}.${stamp}.bak`),
    content: file.content,
  }));
  try {
    await fs.mkdir(dir);
  } catch (error) {
    throw outputError(dir, error);
  }
  await removeWriteLeftovers(dir);
  try {
    for (const entry of entries) {
      try {
        await fs.writeDurable(entry.temp, entry.content);
      } catch (error) {
        throw outputError(entry.target, error);
      }
    }
    await commit(entries, fs);
  } finally {
    for (const entry of entries) await fs.rm(entry.temp).catch(() => undefined);
  }
  await fs.syncDir(dir).catch(() => undefined);
  return entries.map((entry) => entry.target);
}

interface Entry {
  target: string;
  temp: string;
  backup: string;
}

/** Renames every temp file over its target; on a failure the targets already replaced get their previous file back. */
async function commit(entries: Entry[], fs: WriteSetFs): Promise<void> {
  const replaced: { entry: Entry; hadPrevious: boolean }[] = [];
  try {
    for (const entry of entries) {
      // Listed before its rename: a failed rename is undone like the others (the backup goes back in place).
      replaced.push({ entry, hadPrevious: await keepBackup(entry, fs) });
      await fs.rename(entry.temp, entry.target).catch((error: unknown) => {
        throw outputError(entry.target, error);
      });
    }
  } catch (error) {
    await restore(replaced, fs);
    throw error;
  }
  for (const { entry, hadPrevious } of replaced) if (hadPrevious) await fs.rm(entry.backup).catch(() => undefined);
}

/**
 * Keeps the previous file (if any) under the backup name. A hard link keeps it in place too, so the rename then swaps
 * the target atomically; where links are not supported the previous file is moved aside instead.
 */
async function keepBackup(entry: Entry, fs: WriteSetFs): Promise<boolean> {
  try {
    await fs.link(entry.target, entry.backup);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  try {
    await fs.rename(entry.target, entry.backup);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw outputError(entry.target, error);
  }
}

/** Puts the previous files back (newest first); a file that did not exist before is removed again. */
async function restore(replaced: { entry: Entry; hadPrevious: boolean }[], fs: WriteSetFs): Promise<void> {
  for (const { entry, hadPrevious } of [...replaced].reverse()) {
    if (hadPrevious) await fs.rename(entry.backup, entry.target).catch(() => undefined);
    else await fs.rm(entry.target).catch(() => undefined);
    // rename() between two links of one file does nothing, so the backup of a target never replaced is still there.
    await fs.rm(entry.backup).catch(() => undefined);
  }
}

const FIXES: Record<string, { cause: string; fix: string }> = {
  ENOSPC: { cause: 'the disk is full', fix: 'free some space on that disk or choose another output folder' },
  EDQUOT: { cause: 'the disk quota is used up', fix: 'free some space within your quota or choose another output folder' },
  EACCES: { cause: 'permission denied', fix: 'make the folder writable for this user or choose another output folder' },
  EPERM: { cause: 'the operation is not permitted', fix: 'make the folder writable for this user or choose another output folder' },
  EROFS: { cause: 'the file system is read-only', fix: 'choose an output folder on a writable disk' },
  ENOENT: { cause: 'the folder does not exist (it may have been removed while writing)', fix: 'check the output folder path' },
  ENOTDIR: { cause: 'a part of the path is a file, not a folder', fix: 'check the output folder path' },
  EEXIST: { cause: 'a part of the path is a file, not a folder', fix: 'check the output folder path' },
  EISDIR: { cause: 'a folder is in the way of the file', fix: 'remove or rename that folder, or choose another output folder' },
};

/** A file-system failure as the user reads it; anything without an errno code is a bug and is left as it is. */
function outputError(path: string, error: unknown): unknown {
  if (error instanceof OutputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return error;
  const known = FIXES[code] ?? { cause: (error as Error).message, fix: 'check the output folder' };
  return new OutputError(
    `could not write ${path}: ${known.cause} (${code}). Nothing was changed there (a previous briefing stays as it was); ${known.fix}.`,
    { cause: error },
  );
}
