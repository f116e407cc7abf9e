import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { claimRun, findDelivery, getRun, listOutbox, openStore, type StoreLogEntry } from '../../src/store/index.js';
import { scratchDir } from './temp-store.js';

/**
 * A database as the sql.js store left it: a plain SQLite file in rollback-journal mode (sql.js exported the whole
 * database after each transaction), schema version 1, with its pid lock file and a temp file of a killed write.
 */
function writeSqlJsEraDatabase(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = DELETE');
  db.exec(MIGRATIONS[0]!);
  db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (1, ?)').run('2025-06-01T06:00:00.000Z');
  db.pragma('user_version = 1');
  db.prepare("INSERT INTO runs (edition, scheduled_for, claimed_at, outcome) VALUES ('morning', '2025-07-10T06:00:00.000Z', '2025-07-10T06:00:01.000Z', 'ok')").run();
  db.prepare(
    `INSERT INTO outbox (edition, date, channel, recipient, status, attempts, next_attempt_at, message_id, sent_at, created_at)
     VALUES ('morning', '2025-07-10', 'email', 'ann@example.org', 'sent', 1, '2025-07-10T06:00:00.000Z', '<m@x>', '2025-07-10T06:00:02.000Z', '2025-07-10T06:00:00.000Z')`,
  ).run();
  db.close();
}

describe('a database written by the earlier sql.js store', () => {
  it('opens as it is: its rows are kept, it switches to WAL, and the old lock and temp files go', async () => {
    const dir = await scratchDir();
    const path = join(dir, 'briefing.sqlite');
    writeSqlJsEraDatabase(path);
    const probe = new Database(path, { readonly: true });
    expect(probe.pragma('journal_mode', { simple: true })).toBe('delete');
    probe.close();
    // pid 1 after a container restart: the old lock named a pid that is alive again, and locked everyone out.
    await writeFile(`${path}.lock`, '1 7\n');
    await writeFile(join(dir, '.briefing.sqlite.4242.1752213600000.tmp'), 'half a database');
    await writeFile(join(dir, 'notes.txt'), 'not ours');

    const log: StoreLogEntry[] = [];
    const store = await openStore(path, { log: (entry) => log.push(entry) });
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(existsSync(join(dir, '.briefing.sqlite.4242.1752213600000.tmp'))).toBe(false);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true);
    expect(log.map((entry) => entry.message).join('\n')).toMatch(/removed briefing\.sqlite\.lock, left by the earlier sql\.js store/);

    expect(await store.read((db) => getRun(db, 'morning', '2025-07-10T06:00:00.000Z'))).toMatchObject({ outcome: 'ok' });
    const key = { edition: 'morning', date: '2025-07-10', channel: 'email', recipient: 'ann@example.org' };
    expect(await store.read((db) => findDelivery(db, key))).toMatchObject({ status: 'sent', messageId: '<m@x>' });
    // Writes work, and the file is now in WAL mode for every later connection.
    expect(await store.transaction((db) => claimRun(db, 'morning', '2025-07-11T06:00:00.000Z', new Date()))).toBe(true);
    expect(await store.read((db) => listOutbox(db))).toHaveLength(1);
    await store.close();
    const after = new Database(path, { readonly: true });
    expect(after.pragma('journal_mode', { simple: true })).toBe('wal');
    after.close();
  });
});
