// What only the PostgreSQL backend has: several processes' pools on one database (as workers on several
// machines), its migration lock, its URL in the configuration and in messages, and the `db` commands on it.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config/index.js';
import { toPositional } from '../../src/store/postgres-store.js';
import { claimRun, enqueueDelivery, listOutbox, listRuns, openStore, STORE_SCHEMA_VERSION, StoreError, type Store } from '../../src/store/index.js';
import { captureIO, freePort } from '../helpers.js';
import { freshDatabase, postgresCluster } from './backends.js';
import { scratchDir } from './temp-store.js';

const now = new Date('2025-07-11T06:00:00Z');

async function open(url: string, options: Parameters<typeof openStore>[1] = {}): Promise<Store> {
  const store = await openStore(url, options);
  onTestFinished(() => store.close());
  return store;
}

/** The same database as `url`, with a password the server does not check (trust), to see it hidden. */
const withPassword = (url: string) => url.replace('postgres://postgres@', 'postgres://postgres:s3cret-pw@');

describe('PostgreSQL: several workers on one database', () => {
  it('two stores (two pools, as two workers) claiming the same runs at once: exactly one wins each', async () => {
    const url = await freshDatabase('postgres');
    const [a, b] = await Promise.all([open(url), open(url)]);
    const slots = Array.from({ length: 30 }, (_, i) => `2025-07-11T06:${String(i).padStart(2, '0')}:00.000Z`);
    const results = await Promise.all(
      slots.flatMap((slot) => [a.transaction((db) => claimRun(db, 'morning', slot, now)), b.transaction((db) => claimRun(db, 'morning', slot, now))]),
    );
    for (let i = 0; i < slots.length; i++) expect([results[2 * i], results[2 * i + 1]].filter(Boolean), slots[i]).toHaveLength(1);
    expect(results.filter(Boolean)).toHaveLength(slots.length);
    expect(await a.read((db) => listRuns(db))).toHaveLength(slots.length);
  });

  it('workers starting at once on an empty database migrate it once', async () => {
    const url = await freshDatabase('postgres');
    const logs: string[] = [];
    const stores = await Promise.all(Array.from({ length: 5 }, () => open(url, { log: (entry) => logs.push(entry.message) })));
    expect(stores.map((s) => s.schemaVersion)).toEqual(Array(5).fill(STORE_SCHEMA_VERSION));
    const versions = await stores[0]!.read((db) => db.all<{ version: number }>('SELECT version FROM schema_version ORDER BY version'));
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: STORE_SCHEMA_VERSION }, (_, i) => i + 1));
    // One of them applied the migrations; the others found them applied.
    expect(logs.filter((message) => /applied \d+ schema migration/.test(message))).toHaveLength(1);
  });

  it('gives the repository functions numbers where SQLite does (COUNT, integers, the identity key)', async () => {
    const store = await open(await freshDatabase('postgres'));
    await store.transaction((db) => enqueueDelivery(db, { edition: 'm', date: '2025-07-11', channel: 'email', recipient: 'a@x.org' }, now));
    expect(await store.read((db) => db.get('SELECT COUNT(*) AS n, MAX(id) AS id, SUM(attempts) AS total FROM outbox'))).toEqual({ n: 1, id: 1, total: 0 });
    expect((await store.read((db) => listOutbox(db)))[0]!.attempts).toBe(0);
  });

  it('a read is one snapshot: a write committed while it runs is not seen by it', async () => {
    const url = await freshDatabase('postgres');
    const [reader, writer] = await Promise.all([open(url), open(url)]);
    const seen = await reader.read(async (db) => {
      const before = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM runs');
      await writer.transaction((w) => claimRun(w, 'm', 'x', now));
      const after = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM runs');
      return [before!.n, after!.n];
    });
    expect(seen).toEqual([0, 0]);
    expect(await reader.read((db) => listRuns(db))).toHaveLength(1);
  });

  it('a read inside a transaction goes through it and sees its writes', async () => {
    const store = await open(await freshDatabase('postgres'));
    const count = await store.transaction(async (db) => {
      await claimRun(db, 'm', 'x', now);
      return store.read(async (inner) => (await inner.get<{ n: number }>('SELECT COUNT(*) AS n FROM runs'))!.n);
    });
    expect(count).toBe(1);
  });
});

describe('PostgreSQL: ? placeholders', () => {
  it('become $1, $2... outside string literals, quoted names and comments', () => {
    expect(toPositional("SELECT * FROM t WHERE a = ? AND b = 'what?' AND \"c?\" = ? -- why?\n AND d = ? /* ? */")).toBe(
      "SELECT * FROM t WHERE a = $1 AND b = 'what?' AND \"c?\" = $2 -- why?\n AND d = $3 /* ? */",
    );
    expect(toPositional("SELECT 'it''s?' , ?")).toBe("SELECT 'it''s?' , $1");
  });
});

describe('PostgreSQL: connection failures and the URL', () => {
  it('a server that is not there: the URL without its password, and what to check', async () => {
    const port = await freePort();
    const error = await openStore(`postgres://briefing:s3cret-pw@127.0.0.1:${port}/briefing`, { busyTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    const message = (error as Error).message;
    expect(message).toContain(`cannot connect to the database postgres://briefing:***@127.0.0.1:${port}/briefing`);
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).toMatch(/check that PostgreSQL is running and reachable/);
    expect(message).not.toContain('s3cret-pw');
  });

  it('a database that does not exist: says to create it', async () => {
    const cluster = await postgresCluster();
    const error = await openStore(withPassword(cluster.url).replace(/\/postgres$/, '/no_such_db')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/does not exist \(3D000\); create the database first/);
    expect((error as Error).message).not.toContain('s3cret-pw');
  });

  it('the store names its database without the password', async () => {
    const store = await open(withPassword(await freshDatabase('postgres')));
    expect(store.path).toMatch(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/test_/);
  });

  it('the configuration keeps a postgres:// URL as it is and refuses one without a database name', async () => {
    const dir = await scratchDir('briefing-pg-config-');
    await writeFile(join(dir, 'briefing.config.yaml'), 'database: postgresql://briefing@db.internal:5432/briefing\n');
    const config = await loadConfig({ cwd: dir, env: {} });
    expect(config.database).toBe('postgresql://briefing@db.internal:5432/briefing');
    // Working files of this machine go to data/ (a URL has no folder).
    expect(config.delivery.journalDir).toBe(join(dir, 'data', 'outbox-journal'));

    await writeFile(join(dir, 'briefing.config.yaml'), 'database: postgres://briefing@db.internal:5432\n');
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toThrow(/database.*a PostgreSQL URL, but it names no database/s);
  });
});

describe('PostgreSQL: briefing db check, backup, restore', () => {
  async function cli(url: string, ...args: string[]) {
    const dir = await scratchDir('briefing-pg-db-');
    await writeFile(join(dir, 'briefing.config.yaml'), `database: ${url}\n`);
    const io = captureIO(dir, now);
    const code = await runCli(['db', ...args], io);
    return { code, out: io.out(), err: io.err() };
  }

  it('check connects and shows the schema version; a server that is down fails naming it', async () => {
    const url = withPassword(await freshDatabase('postgres'));
    await (await openStore(url)).close();
    const ok = await cli(url, 'check');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(new RegExp(`postgres://postgres:\\*\\*\\*@127.0.0.1:\\d+/test_\\w+: ok, schema version ${STORE_SCHEMA_VERSION}`));

    const down = await cli(`postgres://briefing:pw@127.0.0.1:${await freePort()}/briefing`, 'check');
    expect(down.code).toBe(1);
    expect(down.err).toMatch(/cannot connect to the database postgres:\/\/briefing:\*\*\*@127\.0\.0\.1/);
  });

  it('check on an empty database says it is not a briefing database', async () => {
    const result = await cli(await freshDatabase('postgres'), 'check');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/not a briefing database \(no schema_version table\)/);
  });

  it('backup and restore say to use pg_dump and pg_restore, with the command, and change nothing', async () => {
    const url = withPassword(await freshDatabase('postgres'));
    const backup = await cli(url, 'backup', 'nightly.dump');
    expect(backup.code).toBe(1);
    expect(backup.err).toMatch(/pg_dump --format=custom --file=\S*nightly\.dump 'postgres:\/\/postgres:\*\*\*@/);
    const restore = await cli(url, 'restore', 'nightly.dump');
    expect(restore.code).toBe(1);
    expect(restore.err).toMatch(/pg_restore --clean --if-exists --dbname='postgres:\/\/postgres:\*\*\*@\S+' \S*nightly\.dump/);
    expect(`${backup.err}${restore.err}`).not.toContain('s3cret-pw');
    // The database was not touched (restore did not even connect): it is still empty.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT to_regclass('schema_version') AS t");
    await client.end();
    expect(rows[0].t).toBeNull();
  });
});
