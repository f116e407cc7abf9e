import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runSchedule } from '../../src/cli/schedule.js';
import { runStatus } from '../../src/cli/status.js';
import { loadConfig } from '../../src/config/index.js';
import { runEdition } from '../../src/edition/run-edition.js';
import { listOutbox, openStore } from '../../src/store/index.js';
import { startSmtp, type TestSmtp } from '../deliver/helpers.js';
import { editionProject } from '../edition/helpers.js';
import { captureIO, freePort } from '../helpers.js';

/** A port nothing listens on (yet): the SMTP server is "down" until the test starts one there. */
/** Time that runs 100 times faster than real time from `start`: backoff delays of seconds pass in tens of ms. */
function fastClock(start: string): () => Date {
  const t0 = Date.now();
  return () => new Date(Date.parse(start) + (Date.now() - t0) * 100);
}

async function until(check: () => Promise<boolean> | boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

describe('briefing schedule: delivery retries while it runs, and a heartbeat', () => {
  it('a delivery that failed while SMTP was down is sent once by the running scheduler when SMTP comes back, without a restart', async () => {
    const port = await freePort();
    const project = await editionProject({
      // Not due during the test: every send below is the running scheduler's sweep.
      cron: '0 6 1 1 *',
      extra: `      - { channel: email, recipients: [ann@example.org] }
smtp: { host: 127.0.0.1, port: ${port}, ignoreTLS: true, from: briefing@briefing.test, domain: briefing.test, connectionTimeoutMs: 2000 }
`,
    });
    cleanup.push(() => rm(project.dir, { recursive: true, force: true }));
    const now = fastClock('2025-07-11T06:00:00Z');
    const config = await loadConfig({ cwd: project.dir, env: {} });

    // The edition's run while SMTP is down: the e-mail waits in the outbox.
    const first = await openStore(project.db);
    const run = await runEdition(config, 'morning', { date: '2025-07-11', now: now(), deliver: true, store: first });
    await first.close();
    expect(run.status).toBe('success');
    expect(run.deliveryOutcomes?.find((d) => d.channel === 'email')).toMatchObject({ status: 'pending', attempts: 1 });

    const reader = await openStore(project.db);
    cleanup.push(async () => reader.close());
    const emailRow = async () => (await reader.read((db) => listOutbox(db))).find((row) => row.channel === 'email')!;

    let stop!: (signal: string) => void;
    const io = { ...captureIO(project.dir), now, shutdown: () => new Promise<string>((resolve) => (stop = resolve)), sweepIntervalMs: 50 };
    const scheduler = runSchedule({}, io);
    let smtp: TestSmtp | undefined;
    cleanup.push(async () => {
      stop?.('SIGTERM');
      await scheduler.catch(() => undefined);
      await smtp?.close();
    });

    // Still down: the sweep tries again after the backoff and reschedules.
    await until(async () => (await emailRow()).attempts >= 2, 'a second attempt by the sweep');
    expect((await emailRow()).status).toMatch(/pending|sending/);

    const status = captureIO(project.dir);
    await runStatus({}, { ...status, now });
    expect(status.out()).toMatch(new RegExp(`scheduler: running \\(pid ${process.pid} on .+, last seen \\d+ s ago\\)`));

    smtp = await startSmtp({ port });
    await until(async () => (await emailRow()).status === 'sent', 'the sweep to send it');
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['ann@example.org']);
    // Many sweeps later, still one.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.dataCount()).toBe(1);

    stop('SIGTERM');
    await scheduler;
    const after = captureIO(project.dir);
    await runStatus({}, { ...after, now });
    expect(after.out()).toMatch(/scheduler: not running \(stopped \S+, \d+ s ago\)/);
    expect(after.out()).toContain('morning 2025-07-11: 2 sent, 0 pending, 0 failed');
  }, 60_000);
});
