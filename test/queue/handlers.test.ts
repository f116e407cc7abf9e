// The two job handlers without Redis: what BullMQ would hand them (a job run again, a job taken over from a dead
// worker), against a real SQLite store, real files and a real SMTP server. Exactly-once is the store's doing.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { EditionFiles, handleDeliverySend } from '../../src/queue/delivery-job.js';
import { handleEditionRun, type EditionJob } from '../../src/queue/edition-job.js';
import { editionChannels } from '../../src/edition/run-edition.js';
import { claimRun, listEditions, listOutbox, openStore, type Store } from '../../src/store/index.js';
import { startSmtp } from '../deliver/helpers.js';
import { editionProject } from '../edition/helpers.js';

const AT = '2025-07-11T06:00:00.000Z';
const job = (): EditionJob => ({ data: { edition: 'morning', scheduledFor: AT }, opts: {} });

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function setup(extra = '') {
  const smtp = await startSmtp();
  cleanup.push(() => smtp.close());
  const project = await editionProject({
    formats: 'json, html',
    extra: `      - { channel: email, recipients: [ann@example.org, bob@example.org] }
smtp: { host: 127.0.0.1, port: ${smtp.port}, ignoreTLS: true, from: briefing@briefing.test, domain: briefing.test }
${extra}`,
  });
  const config = await loadConfig({ cwd: project.dir, env: {} });
  const store = await openStore(project.db);
  cleanup.push(() => store.close());
  const added: string[] = [];
  const lines: Record<string, unknown>[] = [];
  const deps = {
    config,
    leaseMs: 5 * 60_000,
    recheckMs: 30_000,
    store,
    now: () => new Date('2025-07-11T07:00:00Z'),
    log: (line: Record<string, unknown>) => void lines.push(line),
    addDeliveries: async (jobs: { jobId: string }[]) => void added.push(...jobs.map((j) => j.jobId)),
  };
  return { smtp, config, store, deps, added, lines };
}

const rendered = async (store: Store) => (await store.read((db) => listEditions(db))).filter((e) => e.status === 'ok').length;

describe('edition.run', () => {
  it('renders once and fans out; the same job again (a retry after its fan-out was cut off) only fans out again', async () => {
    const { store, deps, added } = await setup();
    expect(await handleEditionRun(job(), deps)).toMatchObject({ produced: 'rendered', date: '2025-07-11', deliveries: 3 });
    // The outbox knows every delivery before any job exists: the file drop and two e-mails.
    expect((await store.read((db) => listOutbox(db))).map((r) => `${r.channel} ${r.status}`).sort()).toEqual(['email pending', 'email pending', 'file pending']);
    expect(await handleEditionRun(job(), deps)).toMatchObject({ produced: 'found', deliveries: 3 });
    expect(await rendered(store)).toBe(1);
    expect(added).toHaveLength(6);
    expect(new Set(added).size).toBe(3);
    expect(await store.read((db) => listOutbox(db))).toHaveLength(3);
  });

  it("puts off an occurrence another worker is producing, and takes it over once that claim's lease ran out", async () => {
    const { store, deps, lines } = await setup();
    // Claimed at 06:58 by a worker that may still be at it (deps.now is 07:00, the lease 5 minutes).
    await store.transaction(async (db) => void (await claimRun(db, 'morning', AT, new Date('2025-07-11T06:58:00Z'))));
    const later = await handleEditionRun(job(), deps);
    expect(later).toMatchObject({ produced: 'later', deliveries: 0 });
    // Looked at again after the recheck period, not at the end of the lease.
    expect(later.retryAt?.toISOString()).toBe('2025-07-11T07:00:30.000Z');
    expect(await rendered(store)).toBe(0);
    // At 07:02:50 a recheck 30 s later would pass the lease's end (06:58 + 5 min): the job comes back at its end.
    expect((await handleEditionRun(job(), { ...deps, now: () => new Date('2025-07-11T07:02:50Z') })).retryAt?.toISOString()).toBe('2025-07-11T07:03:00.000Z');
    // Past it the worker is taken to be gone: this job produces the edition.
    expect(await handleEditionRun(job(), { ...deps, now: () => new Date('2025-07-11T07:03:01Z') })).toMatchObject({ produced: 'rendered' });
    expect(lines.some((l) => l.event === 'run.takeover')).toBe(true);
    expect(await rendered(store)).toBe(1);
  });

  it('does not redo a run that ended as failed', async () => {
    const { store, deps } = await setup();
    const { finishRun } = await import('../../src/store/index.js');
    await store.transaction(async (db) => {
      await claimRun(db, 'morning', AT, new Date('2025-07-11T06:00:00Z'));
      await finishRun(db, 'morning', AT, 'failed', new Date('2025-07-11T06:01:00Z'), 'too few stories');
    });
    expect(await handleEditionRun(job(), deps)).toMatchObject({ produced: 'skipped' });
    expect(await rendered(store)).toBe(0);
  });
});

describe('delivery.send', () => {
  it('sends one recipient once: the job run again finds it sent and sends nothing', async () => {
    const { smtp, config, store, deps } = await setup();
    await handleEditionRun(job(), deps);
    const edition = config.editions[0]!;
    const channels = editionChannels(config, edition, {});
    const deliveryDeps = { ...deps, now: () => new Date(), onPermanentFailure: () => {}, sendingLeaseMs: 60_000, outputs: new EditionFiles(), channels: () => channels };
    const data = { edition: 'morning', date: '2025-07-11', channel: 'email' as const, recipient: 'ann@example.org' };
    expect(await handleDeliverySend(data, deliveryDeps)).toMatchObject({ status: 'sent', sentNow: true });
    expect(await handleDeliverySend(data, deliveryDeps)).toMatchObject({ status: 'sent', sentNow: false });
    expect(smtp.messages.map((m) => m.to)).toEqual([['ann@example.org']]);
    // Only that recipient: bob's row is still waiting for its own job.
    expect((await store.read((db) => listOutbox(db))).find((r) => r.recipient === 'bob@example.org')?.status).toBe('pending');
  });

  it('asks to be tried later, not failed, while another sender holds the row, and when SMTP is down', async () => {
    const { config, store, deps } = await setup();
    await handleEditionRun(job(), deps);
    const edition = config.editions[0]!;
    const deliveryDeps = { ...deps, now: () => new Date(), onPermanentFailure: () => {}, sendingLeaseMs: 60_000, outputs: new EditionFiles(), channels: () => editionChannels(config, edition, {}) };
    const data = { edition: 'morning', date: '2025-07-11', channel: 'email' as const, recipient: 'bob@example.org' };
    // Another worker's claim, alive for another minute.
    const { outboxStore } = await import('../../src/store/index.js');
    await outboxStore(store).claim(data, '<x@y>', new Date(Date.now() + 60_000), new Date());
    const later = await handleDeliverySend(data, deliveryDeps);
    expect(later.status).toBe('later');
    expect(later.status === 'later' && later.retryAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('sends nothing for a delivery the outbox has no row for (pruned): it would be a second copy', async () => {
    const { smtp, config, deps } = await setup();
    await handleEditionRun(job(), deps);
    const edition = config.editions[0]!;
    const deliveryDeps = { ...deps, now: () => new Date(), onPermanentFailure: () => {}, sendingLeaseMs: 60_000, outputs: new EditionFiles(), channels: () => editionChannels(config, edition, {}) };
    const result = await handleDeliverySend({ edition: 'morning', date: '2025-07-11', channel: 'email', recipient: 'carol@example.org' }, deliveryDeps);
    expect(result).toMatchObject({ status: 'failed', error: expect.stringContaining('the outbox has no row for this delivery') });
    expect(smtp.messages).toHaveLength(0);
  });

  it('says the output folder must be shared when the edition files are not there', async () => {
    const { config, store, deps } = await setup();
    // The row exists (the fan-out ran on another machine) but this worker does not see the files.
    const { enqueueDelivery } = await import('../../src/store/index.js');
    await store.transaction(async (db) => void (await enqueueDelivery(db, { edition: 'morning', date: '2025-07-11', channel: 'email', recipient: 'ann@example.org' }, new Date())));
    const edition = config.editions[0]!;
    const deliveryDeps = { ...deps, now: () => new Date(), onPermanentFailure: () => {}, sendingLeaseMs: 60_000, outputs: new EditionFiles(), channels: () => editionChannels(config, edition, {}) };
    await expect(handleDeliverySend({ edition: 'morning', date: '2025-07-11', channel: 'email', recipient: 'ann@example.org' }, deliveryDeps)).rejects.toThrow(
      /briefing-2025-07-11\.json is missing .*shared folder/,
    );
  });
});

describe('EditionFiles', () => {
  it('reads an edition once for all its deliveries, and again once the date was produced again', async () => {
    const { config, deps } = await setup();
    await handleEditionRun(job(), deps);
    const files = new EditionFiles();
    const edition = config.editions[0]!;
    const first = await files.get(config, edition, '2025-07-11');
    expect(await files.get(config, edition, '2025-07-11')).toBe(first);
    const { utimes } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const later = new Date(Date.now() + 60_000);
    await utimes(join(config.outDir, 'morning', 'briefing-2025-07-11.json'), later, later);
    const again = await files.get(config, edition, '2025-07-11');
    expect(again).not.toBe(first);
    expect(again.briefing.date).toBe('2025-07-11');
  });
});
