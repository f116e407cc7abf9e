import { spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { deliveryOutbox, type DeliveryReport, type OutboxRow } from '../../src/deliver/index.js';
import { openStore } from '../../src/store/index.js';
import { repoRoot } from '../helpers.js';
import { scratchDir } from '../store/temp-store.js';
import { parseMime, startSmtp, type TestSmtp } from './helpers.js';

/*
 * "Killed between send and record, then restarted: exactly one message in the end." The sender runs in a real
 * child process (TypeScript run by vite-node, which vitest brings) that SIGKILLs itself at the chosen point;
 * the SMTP server and its mailbox live here, in the test process, and outlive it.
 */

const child = join(repoRoot, 'test/deliver/fixtures/crash-child.ts');
const viteNode = join(repoRoot, 'node_modules/vite-node/vite-node.mjs');

function runChild(env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [viteNode, child], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The outbox as a fresh reader sees it on disk. */
async function rows(file: string): Promise<OutboxRow[]> {
  const store = await openStore(file);
  try {
    return await deliveryOutbox(store).list();
  } finally {
    await store.close();
  }
}

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

describe('a delivery process killed mid-way, then restarted', () => {
  test('killed after the server accepted (250) and before the outbox recorded it: not sent again', async () => {
    smtp = await startSmtp();
    const dir = await scratchDir();
    const env = { SMTP_PORT: String(smtp.port), STORE_FILE: join(dir, 'briefing.sqlite'), JOURNAL_DIR: join(dir, 'journal') };

    const first = await runChild({ ...env, CRASH: 'after-accept', NOW: '2025-07-10T05:30:00Z' });
    expect(first.signal).toBe('SIGKILL');
    expect(smtp.messages).toHaveLength(1);
    // The crash left exactly the state this test is about: accepted by the server, not recorded as sent.
    expect((await rows(env.STORE_FILE))[0]).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await readdir(env.JOURNAL_DIR)).toHaveLength(1);

    // Restarted at once: the lease has not run out, the journal still settles it.
    const second = await runChild({ ...env, NOW: '2025-07-10T05:30:05Z' });
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout) as DeliveryReport;
    expect(report.outcomes).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, recovered: true })]);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.dataCount()).toBe(1);
    expect((await rows(env.STORE_FILE))[0]).toMatchObject({ status: 'sent', messageId: parseMime(smtp.messages[0]!.raw).headers['message-id'] });
    expect(await readdir(env.JOURNAL_DIR)).toHaveLength(0);

    // And a third run (a rerun of the edition) adds nothing.
    const third = await runChild({ ...env, NOW: '2025-07-10T07:00:00Z' });
    expect(third.code, third.stderr).toBe(0);
    expect(smtp.messages).toHaveLength(1);
  });

  test('killed after claiming and before sending: sent once by the restart, after the lease', async () => {
    smtp = await startSmtp();
    const dir = await scratchDir();
    const env = { SMTP_PORT: String(smtp.port), STORE_FILE: join(dir, 'briefing.sqlite'), JOURNAL_DIR: join(dir, 'journal') };

    const first = await runChild({ ...env, CRASH: 'before-send', NOW: '2025-07-10T05:30:00Z' });
    expect(first.signal).toBe('SIGKILL');
    expect(smtp.dataCount()).toBe(0);
    expect((await rows(env.STORE_FILE))[0]).toMatchObject({ status: 'sending', attempts: 1 });

    // Within the lease the row may belong to a live run: left alone.
    const early = await runChild({ ...env, NOW: '2025-07-10T05:30:30Z' });
    expect(early.code, early.stderr).toBe(0);
    expect((JSON.parse(early.stdout) as DeliveryReport).outcomes[0]).toMatchObject({ status: 'sending' });
    expect(smtp.dataCount()).toBe(0);

    const later = await runChild({ ...env, NOW: '2025-07-10T05:31:01Z' });
    expect(later.code, later.stderr).toBe(0);
    expect((JSON.parse(later.stdout) as DeliveryReport).outcomes[0]).toMatchObject({ status: 'sent', attempts: 2, recovered: false });
    expect(smtp.messages).toHaveLength(1);
    const messageId = parseMime(smtp.messages[0]!.raw).headers['message-id'];
    expect(messageId).toMatch(/^<briefing\.morning\.2025-07-10\.[0-9a-f]{8}@briefing\.test>$/);
  });
});

describe('a delivery process killed during DATA, after its final dot and before the server answered', () => {
  /** Spawns the child without waiting for it; `killed` resolves when it is gone. */
  function startChild(env: Record<string, string>) {
    const proc = spawn(process.execPath, [viteNode, child], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const gone = new Promise<NodeJS.Signals | null>((resolve) => proc.on('close', (_code, signal) => resolve(signal)));
    return { kill: async () => (proc.kill('SIGKILL'), gone) };
  }

  test('the server commits it: one message in the end, the row unconfirmed (not resent), a live lease left alone', async () => {
    smtp = await startSmtp({ holdReply: true });
    const dir = await scratchDir();
    const env = { SMTP_PORT: String(smtp.port), STORE_FILE: join(dir, 'outbox.sqlite'), JOURNAL_DIR: join(dir, 'journal') };
    try {
      const first = startChild({ ...env, NOW: '2025-07-10T05:30:00Z' });
      const held = await smtp.nextHeld();
      expect(await first.kill()).toBe('SIGKILL');
      // The client is gone; the server goes on and commits the message, as a healthy server does.
      held.accept();
      expect(smtp.messages).toHaveLength(1);
      expect((await rows(env.STORE_FILE))[0]).toMatchObject({ status: 'sending', attempts: 1 });

      // Within the lease the sender might be alive and about to read the 250: nothing is decided or sent.
      const early = await runChild({ ...env, NOW: '2025-07-10T05:30:20Z' });
      expect(early.code, early.stderr).toBe(0);
      expect((JSON.parse(early.stdout) as DeliveryReport).outcomes[0]).toMatchObject({ status: 'sending' });

      // After the lease: settled without a second copy, and said so.
      const later = await runChild({ ...env, NOW: '2025-07-10T05:32:00Z' });
      expect(later.code, later.stderr).toBe(0);
      const outcome = (JSON.parse(later.stdout) as DeliveryReport).outcomes[0]!;
      expect(outcome.status).toBe('failed');
      expect(outcome.error).toMatch(/^unconfirmed: .*briefing deliver --resend --edition morning --date 2025-07-10 --to ann@example\.org$/);
      expect(later.stdout + later.stderr).toContain('"delivery.given-up"');
      expect(smtp.dataCount()).toBe(1);
      expect(smtp.messages).toHaveLength(1);
      expect(await readdir(env.JOURNAL_DIR)).toHaveLength(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("the server drops it: not resent on its own (unconfirmed); the operator's resend carries the same Message-ID", async () => {
    smtp = await startSmtp({ holdReply: true });
    const dir = await scratchDir();
    const env = { SMTP_PORT: String(smtp.port), STORE_FILE: join(dir, 'outbox.sqlite'), JOURNAL_DIR: join(dir, 'journal') };
    try {
      const first = startChild({ ...env, NOW: '2025-07-10T05:30:00Z' });
      const held = await smtp.nextHeld();
      expect(await first.kill()).toBe('SIGKILL');
      held.reject();
      expect(smtp.messages).toHaveLength(0);

      const later = await runChild({ ...env, NOW: '2025-07-10T05:32:00Z' });
      expect(later.code, later.stderr).toBe(0);
      expect((JSON.parse(later.stdout) as DeliveryReport).outcomes[0]).toMatchObject({ status: 'failed', error: expect.stringMatching(/^unconfirmed: /) });
      expect(smtp.dataCount()).toBe(1);

      // What `briefing deliver --resend` does for a delivery not known to be delivered: the same delivery, due now.
      const store = await openStore(env.STORE_FILE);
      let firstId: string | null = null;
      try {
        const outbox = deliveryOutbox(store);
        const [row] = await outbox.list();
        firstId = row!.messageId;
        await outbox.reschedule(row!, new Date('2025-07-10T06:00:00Z'), 'resend requested');
      } finally {
        await store.close();
      }
      const resent = runChild({ ...env, NOW: '2025-07-10T06:00:00Z' });
      (await smtp.nextHeld()).accept();
      const done = await resent;
      expect(done.code, done.stderr).toBe(0);
      expect((JSON.parse(done.stdout) as DeliveryReport).outcomes[0]).toMatchObject({ status: 'sent', sentNow: true, attempts: 2 });
      expect(smtp.messages).toHaveLength(1);
      expect(parseMime(smtp.messages[0]!.raw).headers['message-id']).toBe(firstId);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
