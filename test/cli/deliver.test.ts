import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { listOutbox, openStore } from '../../src/store/index.js';
import { parseMime, startSmtp, type TestSmtp } from '../deliver/helpers.js';
import { editionProject } from '../edition/helpers.js';
import { captureIO, freePort } from '../helpers.js';

/** A project whose edition e-mails ann@example.org through 127.0.0.1:port (where a server may or may not listen). */
async function emailProject(port: number) {
  const project = await editionProject({
    extra: `      - { channel: email, recipients: [ann@example.org] }
smtp: { host: 127.0.0.1, port: ${port}, ignoreTLS: true, from: briefing@briefing.test, domain: briefing.test, connectionTimeoutMs: 2000 }
`,
  });
  cleanup.push(() => rm(project.dir, { recursive: true, force: true }));
  return project;
}

const cleanup: (() => Promise<void>)[] = [];
let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  while (cleanup.length) await cleanup.pop()!();
});

describe('briefing deliver', () => {
  it('--test sends a small message and prints the server\'s answer; with nothing listening it exits 1 with the fix', async () => {
    smtp = await startSmtp();
    const project = await emailProject(smtp.port);
    const io = captureIO(project.dir);
    expect(await runCli(['deliver', '--test', '--to', 'ops@example.org'], io), io.err()).toBe(0);
    expect(io.out()).toMatch(new RegExp(`test message to ops@example.org through 127\\.0\\.0\\.1:${smtp.port}: the server answered "250 `));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['ops@example.org']);

    const down = await emailProject(await freePort());
    const failed = captureIO(down.dir);
    expect(await runCli(['deliver', '--test', '--to', 'ops@example.org'], failed)).toBe(1);
    expect(failed.err()).toMatch(/SMTP test through 127\.0\.0\.1:\d+ failed: .*nothing answered at 127\.0\.0\.1:\d+: check smtp\.host and smtp\.port/);

    const bad = captureIO(project.dir);
    expect(await runCli(['deliver', '--test', '--to', 'x@y.z\r\nBcc: other@example.org'], bad)).toBe(2);
    expect(smtp.messages).toHaveLength(1);
  });

  it('--retry sends what is pending now, whatever its backoff; --resend sends a recorded extra copy', async () => {
    const port = await freePort();
    const project = await emailProject(port);
    const run = captureIO(project.dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-11'], run), run.err()).toBe(0);
    expect(run.err()).toMatch(/delivery email ann@example\.org: will retry at 2025-07-11T09:00:3\d/);

    // Still down: a retry says so and exits 1.
    const stillDown = captureIO(project.dir, new Date('2025-07-11T09:00:05Z'));
    expect(await runCli(['deliver', '--retry'], stillDown)).toBe(1);
    expect(stillDown.out()).toMatch(/delivery morning 2025-07-11 email ann@example\.org: will retry at /);
    expect(stillDown.err()).toMatch(/1 of 1 deliveries not sent/);

    // Back up: sent now, though its next try is minutes away.
    smtp = await startSmtp({ port });
    const retry = captureIO(project.dir, new Date('2025-07-11T09:00:10Z'));
    expect(await runCli(['deliver', '--retry'], retry), retry.err()).toBe(0);
    expect(retry.out()).toContain('delivery morning 2025-07-11 email ann@example.org: sent\n');
    expect(smtp.messages).toHaveLength(1);
    const again = captureIO(project.dir, new Date('2025-07-11T09:00:20Z'));
    expect(await runCli(['deliver', '--retry'], again), again.err()).toBe(0);
    expect(again.out()).toContain('nothing to retry');
    expect(smtp.messages).toHaveLength(1);

    // A rerun of the edition says what it did: nothing new for ann.
    const rerun = captureIO(project.dir, new Date('2025-07-11T09:30:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-11'], rerun), rerun.err()).toBe(0);
    expect(rerun.err()).toMatch(/delivery email ann@example\.org: already delivered on 2025-07-11T09:00:1\d/);
    expect(smtp.messages).toHaveLength(1);

    // An explicit extra copy: sent, recorded as its own delivery with its own Message-ID.
    const resend = captureIO(project.dir, new Date('2025-07-11T10:00:00Z'));
    expect(await runCli(['deliver', '--resend', '--edition', 'morning', '--date', '2025-07-11', '--to', 'ann@example.org'], resend), resend.err()).toBe(0);
    expect(resend.out()).toContain('delivery morning 2025-07-11 email ann@example.org#copy2: sent\n');
    expect(smtp.messages).toHaveLength(2);
    const ids = smtp.messages.map((m) => parseMime(m.raw).headers['message-id']);
    expect(new Set(ids).size).toBe(2);
    const store = await openStore(project.db);
    try {
      const email = (await store.read((db) => listOutbox(db))).filter((row) => row.channel === 'email');
      expect(email.map((row) => `${row.recipient} ${row.status}`).sort()).toEqual(['ann@example.org sent', 'ann@example.org#copy2 sent']);
    } finally {
      await store.close();
    }
  }, 60_000);
});
