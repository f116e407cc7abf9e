import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chmod, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { claimRun, openStore, StoreDamagedError, StoreError } from '../../src/store/index.js';
import { editionProject } from '../edition/helpers.js';
import { captureIO, mountTmpfs } from '../helpers.js';
import { scratchDir } from './temp-store.js';

const now = () => new Date('2025-07-11T06:00:00Z');

/** A database with some rows, closed (so everything is in the main file). */
async function databaseWithRows(path: string): Promise<void> {
  const store = await openStore(path, { now });
  await store.transaction(async (db) => {
    for (let i = 0; i < 200; i++) await claimRun(db, `edition-${i}`, '2025-07-11T05:00:00.000Z', now());
  });
  await store.close();
}

/** Opening must fail with the recovery advice and leave the folder exactly as it was. */
async function expectStopsUntouched(path: string): Promise<StoreDamagedError> {
  const before = await readFile(path).catch(() => null);
  const siblings = await readdir(dirname(path));
  const error = await openStore(path, { now }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreDamagedError);
  const damaged = error as StoreDamagedError;
  expect(damaged.path).toBe(path);
  expect(damaged.exitCode).not.toBe(0);
  expect(damaged.message).toContain(path);
  expect(damaged.message).toMatch(/briefing db check.*briefing db restore BACKUP.*move .* aside/);
  // Never moved aside, never recreated.
  expect(await readdir(dirname(path))).toEqual(siblings);
  if (before) expect(Buffer.compare(await readFile(path), before)).toBe(0);
  return damaged;
}

describe('a damaged or unreadable database stops the run', () => {
  it('a file truncated to 1000 bytes', async () => {
    const path = join(await scratchDir(), 'briefing.sqlite');
    await databaseWithRows(path);
    await truncate(path, 1000);
    // Even the earlier store's lock file stays: nothing is touched before the file is known to be sound.
    await writeFile(`${path}.lock`, '1 1\n');
    const error = await expectStopsUntouched(path);
    expect(error.reason).toMatch(/malformed|not a database/);
  });

  it('a page overwritten inside a file in the earlier store\'s rollback-journal mode', async () => {
    const path = join(await scratchDir(), 'briefing.sqlite');
    await databaseWithRows(path);
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    const root = (raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'runs'").get() as { rootpage: number }).rootpage;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const bytes = await readFile(path);
    bytes.fill(0xff, (root - 1) * pageSize, root * pageSize);
    await writeFile(path, bytes);
    // The header is intact: switching the file to WAL would rewrite it, which must not happen to a damaged file.
    await expectStopsUntouched(path);
  });

  it('a file truncated in the middle of its data', async () => {
    const path = join(await scratchDir(), 'briefing.sqlite');
    await databaseWithRows(path);
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectStopsUntouched(path);
  });

  it('a file of other bytes', async () => {
    const path = join(await scratchDir(), 'briefing.sqlite');
    await writeFile(path, Buffer.from('this is not an SQLite database, it is a shopping list: eggs, milk, bread. '.repeat(20)));
    const error = await expectStopsUntouched(path);
    expect(error.reason).toMatch(/not a database/);
  });

  it('something that is not a file at the database path', async () => {
    const path = join(await scratchDir(), 'briefing.sqlite');
    mkdirSync(path);
    const error = await expectStopsUntouched(path);
    expect(error.reason).toMatch(/not a regular file/);
  });

  it('a file this user may not read and write', async () => {
    const dir = await scratchDir();
    const open = (path: string) =>
      openStore(path).then(
        (store) => (store.close(), 'opened'),
        (error: Error) => `${error.name}: ${error.message}`,
      );
    let output: string;
    if (process.getuid?.() === 0) {
      // root reads and writes any file whatever its mode; a file on a read-only mount is one root may not write either.
      const mountPoint = join(dir, 'read-only');
      mkdirSync(mountPoint);
      const unmount = mountTmpfs(mountPoint, { size: '1m' });
      if (!unmount) throw new Error('running as root, yet a tmpfs could not be mounted for the read-only case');
      try {
        const path = join(mountPoint, 'briefing.sqlite');
        await databaseWithRows(path);
        expect(spawnSync('mount', ['-o', 'remount,ro', mountPoint]).status).toBe(0);
        output = await open(path);
      } finally {
        unmount();
      }
    } else {
      const path = join(dir, 'briefing.sqlite');
      await databaseWithRows(path);
      await chmod(path, 0o000);
      output = await open(path);
    }
    expect(output).toMatch(/StoreDamagedError: the database .*briefing\.sqlite cannot be used: it cannot be read and written by this user \((EACCES|EROFS)/);
    expect(output).toMatch(/check its owner and permissions.*briefing db check/);
  });

  it('a damage found after opening is a StoreDamagedError too, not a raw SQLite error', async () => {
    const path = join(await scratchDir(), 'briefing.sqlite');
    await databaseWithRows(path);
    const store = await openStore(path, { now });
    onTestFinished(() => store.close());
    await truncate(path, 1000);
    const error = await (async () => {
      try {
        await store.read((db) => db.all('SELECT * FROM runs'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StoreDamagedError);
    expect(error).toBeInstanceOf(StoreError);
  });
});

describe('the commands on a damaged database (the issue: "status does the same silent move", a rerun mails everyone again)', () => {
  it('status and generate --edition exit non-zero with the recovery commands; nothing is delivered or moved', async () => {
    const project = await editionProject();
    onTestFinished(() => rm(project.dir, { recursive: true, force: true }));
    mkdirSync(dirname(project.db), { recursive: true });
    await databaseWithRows(project.db);
    await truncate(project.db, 1000);
    const before = await readFile(project.db);

    const status = captureIO(project.dir);
    expect(await runCli(['status'], status)).toBe(1);
    expect(status.err()).toMatch(/cannot be used: .*briefing db check/);
    expect(status.err()).not.toMatch(/unexpected error/);

    const generate = captureIO(project.dir);
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-11', '--quiet'], generate)).toBe(1);
    expect(generate.err()).toMatch(/briefing db restore BACKUP/);
    expect(existsSync(join(project.dir, 'drop'))).toBe(false);

    expect(Buffer.compare(await readFile(project.db), before)).toBe(0);
    expect((await readdir(dirname(project.db))).filter((name) => name.includes('corrupt'))).toEqual([]);
  });
});
