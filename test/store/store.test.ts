import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_SCHEMA_VERSION, claimRun, finishRun, getEdition, lastRun, listRuns, openStore, recordEdition } from '../../src/store/index.js';
import { BACKENDS, freshDatabase } from './backends.js';
import { scratchDir } from './temp-store.js';

const now = () => new Date('2025-07-11T06:00:00Z');

describe.each(BACKENDS)('on %s', (backend) => {
const dbPath = () => freshDatabase(backend);

describe('openStore', () => {
  it('creates the file with the current schema and keeps data across reopen', async () => {
    const path = await dbPath();
    const store = await openStore(path, { now });
    expect(store.schemaVersion).toBe(STORE_SCHEMA_VERSION);
    await store.transaction(async (db) => {
      await recordEdition(db, {
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
    await store.close();

    const again = await openStore(path, { now });
    const record = await again.read((db) => getEdition(db, 'morning', '2025-07-11'));
    expect(record).toMatchObject({ inputsDigest: 'abc', status: 'ok', durations: { ingest: 12 } });
    expect(record!.outputs).toEqual([{ format: 'pdf', path: 'out/briefing-2025-07-11.pdf' }]);
    expect((await again.read((db) => db.get<{ n: number }>('SELECT count(*) AS n FROM schema_version')))!.n).toBe(STORE_SCHEMA_VERSION);
    await again.close();
  });

  it('rolls back everything a transaction did when it throws midway', async () => {
    const path = await dbPath();
    const store = await openStore(path, { now });
    await store.transaction((db) => claimRun(db, 'morning', '2025-07-10T05:00:00.000Z', now()));
    await expect(
      store.transaction(async (db) => {
        await claimRun(db, 'morning', '2025-07-11T05:00:00.000Z', now());
        throw new Error('crash in the middle');
      }),
    ).rejects.toThrow('crash in the middle');
    expect((await store.read((db) => listRuns(db))).map((r) => r.scheduledFor)).toEqual(['2025-07-10T05:00:00.000Z']);
    const reopened = await openStore(path, { now });
    expect((await reopened.read((db) => listRuns(db))).map((r) => r.scheduledFor)).toEqual(['2025-07-10T05:00:00.000Z']);
    await reopened.close();
    await store.close();
  });

  it('refuses a database made by a newer program, naming both versions', async () => {
    const path = await dbPath();
    const store = await openStore(path, { now });
    const newer = STORE_SCHEMA_VERSION + 5;
    // Each backend's record of the version: SQLite's user_version, PostgreSQL's schema_version table.
    if (backend === 'sqlite') await store.transaction((db) => db.run(`PRAGMA user_version = ${newer}`));
    else await store.transaction((db) => db.run('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)', [newer, now().toISOString()]));
    await store.close();
    await expect(openStore(path, { now })).rejects.toThrow(
      new RegExp(`schema version ${newer}, newer than this program supports \\(${STORE_SCHEMA_VERSION}\\)`),
    );
  });
});

describe('reads inside a read or a transaction', () => {
  it('go through it: a transaction\'s fn reads its own writes, a nested read does not wait for its turn', async () => {
    const store = await openStore(await dbPath(), { now });
    const inside = await store.transaction(async (db) => {
      await claimRun(db, 'morning', '2025-07-11T05:00:00.000Z', now());
      return store.read((r) => listRuns(r));
    });
    expect(inside).toHaveLength(1);
    const nested = await store.read(async () => store.read((r) => listRuns(r)));
    expect(nested.map((r) => r.edition)).toEqual(['morning']);
    await store.close();
  });
});

describe('runs', () => {
  it('claims each (edition, scheduled time) at most once, even from a second connection', async () => {
    const path = await dbPath();
    const a = await openStore(path, { now });
    const b = await openStore(path, { now });
    const at = '2025-07-11T05:00:00.000Z';
    expect(await a.transaction((db) => claimRun(db, 'morning', at, now()))).toBe(true);
    expect(await b.transaction((db) => claimRun(db, 'morning', at, now()))).toBe(false);
    expect(await b.transaction((db) => claimRun(db, 'evening', at, now()))).toBe(true);
    expect(await a.transaction((db) => claimRun(db, 'evening', at, now()))).toBe(false);
    await a.transaction((db) => finishRun(db, 'morning', at, 'ok', new Date('2025-07-11T05:01:00Z')));
    // A reader sees the other connection's latest commit without reopening.
    expect(await b.read((db) => lastRun(db, 'morning'))).toMatchObject({ outcome: 'ok', finishedAt: '2025-07-11T05:01:00.000Z' });
    expect((await b.read((db) => listRuns(db))).length).toBe(2);
    await a.close();
    await b.close();
  });
});

describe('two connections writing at once', () => {
  it('makes the second writer wait for the first (without blocking the event loop), then lets it in', async () => {
    const path = await dbPath();
    const a = await openStore(path, { now });
    const b = await openStore(path, { now });
    let releaseA!: () => void;
    const aHolding = new Promise<void>((resolve) => (releaseA = resolve));
    const order: string[] = [];
    let aEntered!: () => void;
    const entered = new Promise<void>((resolve) => (aEntered = resolve));
    const first = a.transaction(async (db) => {
      aEntered();
      await claimRun(db, 'morning', '2025-07-11T05:00:00.000Z', now());
      await aHolding;
      order.push('a done');
    });
    await entered;
    const second = b.transaction((db) => {
      order.push('b started');
      return claimRun(db, 'morning', '2025-07-11T05:00:00.000Z', now());
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual([]);
    releaseA();
    await first;
    expect(await second).toBe(false);
    expect(order).toEqual(['a done', 'b started']);
    await a.close();
    await b.close();
  });

  it('gives up with a clear StoreError when the other writer holds the lock past the busy timeout', async () => {
    const path = await dbPath();
    const a = await openStore(path, { now });
    const b = await openStore(path, { now, busyTimeoutMs: 100 });
    let releaseA!: () => void;
    const held = a.transaction(() => new Promise<void>((resolve) => (releaseA = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(b.transaction((db) => claimRun(db, 'm', 'x', now()))).rejects.toThrow(/stayed locked by another process/);
    releaseA();
    await held;
    expect(await b.transaction((db) => claimRun(db, 'm', 'x', now()))).toBe(true);
    await a.close();
    await b.close();
  });
});
});

describe('the SQLite file', () => {
  it('runs in WAL mode with durable commits, as another reader of the file sees', async () => {
    const path = join(await scratchDir(), 'data', 'briefing.sqlite');
    const store = await openStore(path, { now });
    await store.transaction((db) => claimRun(db, 'morning', '2025-07-10T05:00:00.000Z', now()));
    const other = new Database(path, { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    // The commit is visible to a separate connection at once: no whole-file rewrite, no reload.
    expect(other.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 1 });
    other.close();
    expect(await store.transaction((db) => db.get<{ synchronous: number }>('PRAGMA synchronous'))).toEqual({ synchronous: 2 }); // FULL
    await store.close();
  });

});
