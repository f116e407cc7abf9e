import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  STORE_SCHEMA_VERSION,
  StoreLockedError,
  claimRun,
  finishRun,
  lastRun,
  listRuns,
  openStore,
  recordEdition,
  getEdition,
  type StoreLogEntry,
} from '../../src/store/index.js';
import { tempDir } from '../helpers.js';

const now = () => new Date('2025-07-11T06:00:00Z');

async function dbPath(): Promise<string> {
  return join(await tempDir('briefing-store-'), 'data', 'briefing.sqlite');
}

describe('openStore', () => {
  it('creates the file with the current schema and keeps data across reopen', async () => {
    const path = await dbPath();
    const store = await openStore(path, { now });
    expect(existsSync(path)).toBe(true);
    expect(store.schemaVersion).toBe(STORE_SCHEMA_VERSION);
    await store.transaction((db) => {
      recordEdition(db, {
        edition: 'morning',
        date: '2025-07-11',
        startedAt: '2025-07-11T06:00:00.000Z',
        finishedAt: '2025-07-11T06:00:05.000Z',
        inputsDigest: 'abc',
        outputs: [{ format: 'pdf', path: 'out/briefing-2025-07-11.pdf' }],
        durations: { ingest: 12 },
        status: 'ok',
        error: null,
      });
    });
    store.close();

    const again = await openStore(path, { now });
    const record = again.read((db) => getEdition(db, 'morning', '2025-07-11'));
    expect(record).toMatchObject({ inputsDigest: 'abc', status: 'ok', durations: { ingest: 12 } });
    expect(record!.outputs).toEqual([{ format: 'pdf', path: 'out/briefing-2025-07-11.pdf' }]);
    expect(again.read((db) => db.get<{ n: number }>('SELECT count(*) AS n FROM schema_version'))!.n).toBe(STORE_SCHEMA_VERSION);
    again.close();
  });

  it('leaves the file unchanged when a transaction throws midway', async () => {
    const path = await dbPath();
    const store = await openStore(path, { now });
    await store.transaction((db) => claimRun(db, 'morning', '2025-07-10T05:00:00.000Z', now()));
    const before = await readFile(path);
    await expect(
      store.transaction((db) => {
        claimRun(db, 'morning', '2025-07-11T05:00:00.000Z', now());
        throw new Error('crash in the middle');
      }),
    ).rejects.toThrow('crash in the middle');
    expect(Buffer.compare(await readFile(path), before)).toBe(0);
    // The rolled-back claim is not visible in memory either.
    expect(store.read((db) => listRuns(db)).map((r) => r.scheduledFor)).toEqual(['2025-07-10T05:00:00.000Z']);
    store.close();
  });

  it('keeps the old file when the process dies while writing the new one', async () => {
    const path = await dbPath();
    const first = await openStore(path, { now });
    await first.transaction((db) => claimRun(db, 'morning', '2025-07-10T05:00:00.000Z', now()));
    first.close();
    const before = await readFile(path);
    // A writer that dies after writing half of its temp file, before the rename.
    const dying = await openStore(path, {
      now,
      writeFile: async (target, bytes) => {
        await writeFile(`${target}.tmp-partial`, bytes.slice(0, bytes.length / 2));
        throw new Error('killed while persisting');
      },
    });
    await expect(dying.transaction((db) => claimRun(db, 'morning', '2025-07-11T05:00:00.000Z', now()))).rejects.toThrow(
      /cannot write the database .*killed while persisting/,
    );
    expect(Buffer.compare(await readFile(path), before)).toBe(0);
    // It went back to what the disk holds rather than believing the unsaved claim.
    expect(dying.read((db) => listRuns(db)).length).toBe(1);
    dying.close();
    const reopened = await openStore(path, { now });
    expect(reopened.read((db) => listRuns(db)).map((r) => r.scheduledFor)).toEqual(['2025-07-10T05:00:00.000Z']);
    reopened.close();
  });

  it('moves a corrupt file aside with a warning and starts an empty database', async () => {
    const path = await dbPath();
    const first = await openStore(path, { now });
    first.close();
    const garbage = Buffer.from('this is not an SQLite database, it is a shopping list: eggs, milk, bread. '.repeat(20));
    await writeFile(path, garbage);
    const log: StoreLogEntry[] = [];
    const store = await openStore(path, { now, log: (e) => log.push(e) });
    expect(store.movedCorruptFile).toBe(`${path}.corrupt-2025-07-11T06-00-00-000Z`);
    expect(Buffer.compare(await readFile(store.movedCorruptFile!), garbage)).toBe(0);
    const warning = log.find((e) => e.level === 'warn');
    expect(warning?.message).toMatch(/not a valid SQLite file.*moved it to briefing\.sqlite\.corrupt-/);
    expect(store.schemaVersion).toBe(STORE_SCHEMA_VERSION);
    expect(store.read((db) => listRuns(db))).toEqual([]);
    store.close();
  });

  it('also moves aside a truncated database', async () => {
    const path = await dbPath();
    const store = await openStore(path, { now });
    await store.transaction((db) => {
      for (let i = 0; i < 200; i++) claimRun(db, `edition-${i}`, `2025-07-11T05:00:00.000Z`, now());
    });
    store.close();
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const reopened = await openStore(path, { now });
    expect(reopened.movedCorruptFile).not.toBeNull();
    expect(reopened.read((db) => listRuns(db))).toEqual([]);
    reopened.close();
  });

  it('refuses a database made by a newer program, naming both versions', async () => {
    const path = await dbPath();
    const store = await openStore(path, { now });
    await store.transaction((db) => void db.run(`PRAGMA user_version = ${STORE_SCHEMA_VERSION + 5}`));
    store.close();
    await expect(openStore(path, { now })).rejects.toThrow(
      new RegExp(`schema version ${STORE_SCHEMA_VERSION + 5}, newer than this program supports \\(${STORE_SCHEMA_VERSION}\\)`),
    );
  });
});

describe('leftovers of killed writers', () => {
  it('removes temp files of dead writers at open and keeps those of live ones', async () => {
    const path = await dbPath();
    (await openStore(path, { now })).close();
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const deadTemp = join(path, '..', `.briefing.sqlite.${dead}.1752213600000.tmp`);
    const liveTemp = join(path, '..', `.briefing.sqlite.${process.pid}.1752213600000.tmp`);
    await writeFile(deadTemp, 'half a database');
    await writeFile(liveTemp, 'being written right now');
    (await openStore(path, { now })).close();
    expect(existsSync(deadTemp)).toBe(false);
    expect(existsSync(liveTemp)).toBe(true);
  });
});

describe('runs', () => {
  it('claims each (edition, scheduled time) at most once, even from a second process', async () => {
    const path = await dbPath();
    const a = await openStore(path, { now });
    const b = await openStore(path, { now });
    const at = '2025-07-11T05:00:00.000Z';
    expect(await a.transaction((db) => claimRun(db, 'morning', at, now()))).toBe(true);
    // b loaded the file before a's claim: the transaction re-reads it and sees the claim.
    expect(await b.transaction((db) => claimRun(db, 'morning', at, now()))).toBe(false);
    expect(await b.transaction((db) => claimRun(db, 'evening', at, now()))).toBe(true);
    expect(await a.transaction((db) => claimRun(db, 'evening', at, now()))).toBe(false);
    await a.transaction((db) => finishRun(db, 'morning', at, 'ok', new Date('2025-07-11T05:01:00Z')));
    // A reader sees the other process's latest write without reopening.
    expect(b.read((db) => lastRun(db, 'morning'))).toMatchObject({ outcome: 'ok', finishedAt: '2025-07-11T05:01:00.000Z' });
    expect(b.read((db) => listRuns(db)).length).toBe(2);
    a.close();
    b.close();
  });
});

describe('the lock file', () => {
  it('blocks a second writer while the first holds the lock, then lets it in', async () => {
    const path = await dbPath();
    const a = await openStore(path, { now });
    const b = await openStore(path, { now, lockPollMs: 5 });
    let releaseA!: () => void;
    const aHolding = new Promise<void>((resolve) => (releaseA = resolve));
    const order: string[] = [];
    let aEntered!: () => void;
    const entered = new Promise<void>((resolve) => (aEntered = resolve));
    const first = a.transaction(async (db) => {
      aEntered();
      claimRun(db, 'morning', '2025-07-11T05:00:00.000Z', now());
      await aHolding;
      order.push('a done');
    });
    await entered;
    expect(readFileSync(`${path}.lock`, 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    const second = b.transaction((db) => {
      order.push('b started');
      return claimRun(db, 'morning', '2025-07-11T05:00:00.000Z', now());
    });
    // b cannot start until a lets go, however many times it polls.
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    releaseA();
    await first;
    expect(await second).toBe(false);
    expect(order).toEqual(['a done', 'b started']);
    expect(existsSync(`${path}.lock`)).toBe(false);
    a.close();
    b.close();
  });

  it('gives up with a clear error when the holder stays alive past the timeout', async () => {
    const path = await dbPath();
    const store = await openStore(path, { now, lockTimeoutMs: 50, lockPollMs: 5 });
    // Our own pid: a live process.
    await writeFile(`${path}.lock`, `${process.pid} 999\n`);
    await expect(store.transaction((db) => claimRun(db, 'm', 'x', now()))).rejects.toThrow(StoreLockedError);
    await expect(store.transaction((db) => claimRun(db, 'm', 'x', now()))).rejects.toThrow(
      new RegExp(`locked by process ${process.pid} .*delete the lock file if no briefing process is running`),
    );
    store.close();
  });

  it('takes over a lock left by a dead process', async () => {
    const path = await dbPath();
    const store = await openStore(path, { now, lockTimeoutMs: 2_000 });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    expect(deadPid).toBeGreaterThan(0);
    await writeFile(`${path}.lock`, `${deadPid} 1\n`);
    expect(await store.transaction((db) => claimRun(db, 'morning', 'x', now()))).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
    const leftovers = readdirSync(join(path, '..')).filter((name) => name.includes('.lock'));
    expect(leftovers).toEqual([]);
    store.close();
  });

  it('takes over an unreadable lock only once it is old', async () => {
    const path = await dbPath();
    const store = await openStore(path, { now, lockTimeoutMs: 60, lockPollMs: 5 });
    await writeFile(`${path}.lock`, '');
    await expect(store.transaction((db) => claimRun(db, 'm', 'x', now()))).rejects.toThrow(/locked by another process/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    expect(await store.transaction((db) => claimRun(db, 'm', 'x', now()))).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(0);
    store.close();
  });
});
