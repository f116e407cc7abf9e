// An edition's whole life on PostgreSQL (memory across days, the edition record, the outbox) gives what it gives on
// SQLite: the same briefings, the same records, one delivery per recipient however often a date is run.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runEdition } from '../../src/edition/run-edition.js';
import { listEditions, listOutbox, openStore } from '../../src/store/index.js';
import { startPostgres, type TestPostgres } from '../servers.js';
import { editionProject } from './helpers.js';

let cluster: TestPostgres | undefined;
afterAll(async () => cluster?.stop());

/** Runs the three days (and day two again) on `database`; what the briefings and the store say. */
async function threeDays(database: 'sqlite' | 'postgres') {
  const project = await editionProject();
  if (database === 'postgres') {
    cluster ??= await startPostgres();
    const url = await cluster.createDatabase();
    const text = await readFile(project.configPath, 'utf8');
    await writeFile(project.configPath, text.replace('database: data/briefing.sqlite', `database: ${url}`));
  }
  const config = await loadConfig({ cwd: project.dir, env: {} });
  const store = await openStore(config.database);
  try {
    const days = [];
    for (const date of ['2025-07-09', '2025-07-10', '2025-07-11', '2025-07-10']) {
      const outcome = await runEdition(config, 'morning', { date, now: new Date(`${date}T06:00:00Z`), deliver: true, store });
      expect(outcome.status, `${database} ${date}`).toBe('success');
      const b = outcome.briefing!;
      days.push({ date, memory: b.memory, threads: b.threads.map((t) => [t.id, t.isNew, t.continuesFrom ?? null]) });
    }
    const editions = (await store.read((db) => listEditions(db))).map((e) => [e.date, e.status, e.outputs.length]);
    const outbox = (await store.read((db) => listOutbox(db))).map((r) => [r.date, r.channel, r.status, r.attempts]);
    return { days, editions, outbox };
  } finally {
    await store.close();
  }
}

describe('an edition on PostgreSQL', () => {
  it('remembers, records and delivers exactly as on SQLite', async () => {
    const onSqlite = await threeDays('sqlite');
    const onPostgres = await threeDays('postgres');
    expect(onPostgres).toEqual(onSqlite);
    // And what that is: a continuing story on day two, one record per date, one file delivery per date.
    expect(onPostgres.days[1]!.threads.some(([, isNew, from]) => isNew === false && from === '2025-07-09')).toBe(true);
    expect(onPostgres.editions.map(([date]) => date)).toEqual(['2025-07-11', '2025-07-10', '2025-07-09']);
    expect(onPostgres.outbox).toEqual([
      ['2025-07-11', 'file', 'sent', 1],
      ['2025-07-10', 'file', 'sent', 1],
      ['2025-07-09', 'file', 'sent', 1],
    ]);
  });
});
