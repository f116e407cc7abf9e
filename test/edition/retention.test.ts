import { rm } from 'node:fs/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { runEdition } from '../../src/edition/run-edition.js';
import { claimRun, enqueueDelivery, listOutbox, listRuns, openStore } from '../../src/store/index.js';
import { editionProject } from './helpers.js';

describe('an edition run applies retentionDays', () => {
  it('prunes rows older than retentionDays from the run\'s instant and keeps owed deliveries', async () => {
    const project = await editionProject({ extra: 'retentionDays: 30\n' });
    onTestFinished(() => rm(project.dir, { recursive: true, force: true }));
    const config = await loadConfig({ cwd: project.dir, env: {} });
    expect(config.retentionDays).toBe(30);
    const store = await openStore(project.db);
    onTestFinished(() => store.close());
    const old = new Date('2025-05-01T06:00:00Z');
    await store.transaction(async (db) => {
      await claimRun(db, 'morning', '2025-05-01T06:00:00.000Z', old);
      await claimRun(db, 'morning', '2025-07-09T06:00:00.000Z', old);
      await enqueueDelivery(db, { edition: 'morning', date: '2025-05-01', channel: 'file', recipient: 'old-sent' }, old);
      await db.run("UPDATE outbox SET status = 'sent' WHERE recipient = 'old-sent'");
      await enqueueDelivery(db, { edition: 'morning', date: '2025-05-01', channel: 'file', recipient: 'old-pending' }, old);
    });

    const outcome = await runEdition(config, 'morning', { date: '2025-07-11', now: new Date('2025-07-11T09:00:00Z'), deliver: false, store });
    expect(outcome.status).toBe('success');
    expect((await store.read((db) => listRuns(db))).map((r) => r.scheduledFor)).toEqual(['2025-07-09T06:00:00.000Z']);
    expect((await store.read((db) => listOutbox(db))).map((r) => r.recipient)).toEqual(['old-pending']);
  });
});
