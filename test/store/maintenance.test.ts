import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { checkDatabase, claimRun, listRuns, openStore, STORE_SCHEMA_VERSION } from '../../src/store/index.js';
import { captureIO } from '../helpers.js';
import { scratchDir } from './temp-store.js';

const at = new Date('2025-07-11T06:00:00Z');

/** A project folder whose configuration points at data/briefing.sqlite, with one claimed run in it. */
async function project(): Promise<{ dir: string; db: string }> {
  const dir = await scratchDir('briefing-db-');
  await writeFile(join(dir, 'briefing.config.yaml'), 'database: data/briefing.sqlite\n');
  const db = join(dir, 'data', 'briefing.sqlite');
  const store = await openStore(db);
  await store.transaction((d) => claimRun(d, 'morning', '2025-07-10T06:00:00.000Z', at));
  await store.close();
  return { dir, db };
}

async function cli(dir: string, ...args: string[]) {
  const io = captureIO(dir, at);
  const code = await runCli(['db', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

async function runsIn(db: string): Promise<string[]> {
  const store = await openStore(db);
  try {
    return (await store.read((d) => listRuns(d))).map((r) => r.scheduledFor);
  } finally {
    await store.close();
  }
}

describe('briefing db check', () => {
  it('says ok with the schema version on a sound database', async () => {
    const { dir, db } = await project();
    const result = await cli(dir, 'check');
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(`${db}: ok, schema version ${STORE_SCHEMA_VERSION} (this program: ${STORE_SCHEMA_VERSION})\n`);
  });

  it('exits 1 listing the damage and the recovery commands on a truncated database', async () => {
    const { dir, db } = await project();
    await truncate(db, 1000);
    const result = await cli(dir, 'check');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/the database .*briefing\.sqlite is damaged:\n {2}.*(malformed|not a database)/);
    expect(result.err).toMatch(/briefing db restore BACKUP/);
  });

  it('reports damage inside the file, with the header intact', async () => {
    const { dir, db } = await project();
    // Overwrite one page of the runs table; the file still starts as a valid SQLite file.
    const raw = new Database(db);
    raw.pragma('journal_mode = DELETE');
    const root = (raw.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'runs'").get() as { rootpage: number }).rootpage;
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const bytes = await readFile(db);
    bytes.fill(0xff, (root - 1) * pageSize, root * pageSize);
    await writeFile(db, bytes);
    const check = await checkDatabase(db);
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(/page|malformed|corrupt/i);
    const result = await cli(dir, 'check');
    expect(result.code).toBe(1);
  });
});

describe('briefing db backup and restore', () => {
  it('round trip: a backup beside the database, a damaged database restored from it, the damaged file kept', async () => {
    const { dir, db } = await project();
    const backup = await cli(dir, 'backup');
    expect(backup.code, backup.err).toBe(0);
    const backupPath = join(dir, 'data', 'briefing.backup-2025-07-11T06-00-00Z.sqlite');
    expect(backup.out).toBe(`backed up to ${backupPath}\n`);
    expect(await checkDatabase(backupPath)).toMatchObject({ ok: true, schemaVersion: STORE_SCHEMA_VERSION });
    // A single self-contained file: reading it leaves no -wal or -shm beside it.
    expect((await readdir(join(dir, 'data'))).filter((name) => name.startsWith('briefing.backup'))).toEqual(['briefing.backup-2025-07-11T06-00-00Z.sqlite']);
    // A second backup at the same instant does not overwrite the first.
    expect((await cli(dir, 'backup')).err).toMatch(/already exists/);

    // Later work, then the damage.
    const store = await openStore(db);
    await store.transaction((d) => claimRun(d, 'morning', '2025-07-11T06:00:00.000Z', at));
    await store.close();
    await truncate(db, 1000);
    const damagedBytes = await readFile(db);
    await expect(openStore(db)).rejects.toThrow(/briefing db restore BACKUP/);

    const restore = await cli(dir, 'restore', 'data/briefing.backup-2025-07-11T06-00-00Z.sqlite');
    expect(restore.code, restore.err).toBe(0);
    const keptAs = `${db}.damaged-2025-07-11T06-00-00Z`;
    expect(restore.out).toContain(`the previous file is kept as ${keptAs}`);
    expect(Buffer.compare(await readFile(keptAs), damagedBytes)).toBe(0);
    expect(await runsIn(db)).toEqual(['2025-07-10T06:00:00.000Z']);
    expect((await cli(dir, 'check')).code).toBe(0);
    expect((await readdir(join(dir, 'data'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('backs up to a named file, and the backup holds commits still in the WAL', async () => {
    const { dir, db } = await project();
    const store = await openStore(db);
    await store.transaction((d) => claimRun(d, 'evening', '2025-07-10T18:00:00.000Z', at));
    // The store stays open: its last commit may be only in briefing.sqlite-wal.
    const result = await cli(dir, 'backup', 'copy.sqlite');
    await store.close();
    expect(result.code, result.err).toBe(0);
    expect(await runsIn(join(dir, 'copy.sqlite'))).toHaveLength(2);
  });

  it('refuses to restore from a file that is not a sound briefing database, changing nothing', async () => {
    const { dir, db } = await project();
    const before = await readFile(db);
    await writeFile(join(dir, 'list.txt'), 'eggs, milk, bread');
    const other = new Database(join(dir, 'other.sqlite'));
    other.exec('CREATE TABLE t (x)');
    other.close();
    for (const file of ['list.txt', 'other.sqlite', 'missing.sqlite']) {
      const result = await cli(dir, 'restore', file);
      expect(result.code, file).toBe(1);
      expect(result.err, file).toMatch(/nothing was restored|there is no backup/);
    }
    expect((await cli(dir, 'restore', 'other.sqlite')).err).toMatch(/not a briefing database/);
    expect(Buffer.compare(await readFile(db), before)).toBe(0);
    expect((await readdir(join(dir, 'data'))).filter((name) => name.includes('damaged'))).toEqual([]);
    expect(existsSync(db)).toBe(true);
  });
});
