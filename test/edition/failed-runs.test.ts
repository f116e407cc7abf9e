import { existsSync, readdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config/index.js';
import { runEdition } from '../../src/edition/run-edition.js';
import { BriefingSchema } from '../../src/model/schema.js';
import { getEdition, listOutbox, listRuns, openStore } from '../../src/store/index.js';
import { startHttpSink, type HttpSink } from '../alerts/http-sink.js';
import { decodeHeader, parseMime, startSmtp, type TestSmtp } from '../deliver/helpers.js';
import { captureIO, tempDir } from '../helpers.js';
import { deferred, ManualClock, ManualTimers } from '../schedule/helpers.js';
import { Writable } from 'node:stream';
import { editionProject } from './helpers.js';

/** Nothing listens on port 9 (discard) of the loopback: a feed that is down. */
const DEAD_FEED = 'http://127.0.0.1:9/feed.xml';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function project(sources: string, editionExtra = '', top = '', smtpOptions: Parameters<typeof startSmtp>[0] = {}): Promise<{ dir: string; db: string; smtp: TestSmtp; sink: HttpSink; write: (s: string, e?: string) => Promise<void> }> {
  const base = await editionProject();
  cleanup.push(() => rm(base.dir, { recursive: true, force: true }));
  const smtp = await startSmtp(smtpOptions);
  cleanup.push(() => smtp.close());
  const sink = await startHttpSink();
  cleanup.push(() => sink.close());
  const write = (src: string, extra = editionExtra) =>
    writeFile(
      base.configPath,
      `title: Test Brief
database: data/briefing.sqlite
outDir: out
fetch: { retries: 0, timeoutMs: 2000, connectTimeoutMs: 2000 }
smtp: { host: 127.0.0.1, port: ${smtp.port}, ignoreTLS: true, from: "Brief <brief@example.org>" }
alerts:
  email: [ops@example.org]
  webhook: { url: "${sink.url}" }
${top}sources:
${src}
editions:
  - name: morning
    schedule: { cron: "0 6 * * *", timezone: UTC }
    formats: [json, md]
    window: { hours: 24 }
${extra}    deliver:
      - { channel: email, recipients: [reader@example.org] }
      - { channel: file, dir: drop/ }
`,
    );
  await write(sources);
  return { dir: base.dir, db: base.db, smtp, sink, write };
}

const readerMail = (smtp: TestSmtp) => smtp.messages.filter((m) => m.to.includes('reader@example.org'));
const alertMail = (smtp: TestSmtp) => smtp.messages.filter((m) => m.to.includes('ops@example.org'));

describe('a run whose sources all failed', () => {
  it('delivers nothing, exits 7, is recorded failed with its reasons, alerts; a fixed rerun of the date delivers', async () => {
    const p = await project(`  - { name: wire, kind: feed, location: "${DEAD_FEED}" }`);
    const io = captureIO(p.dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-11'], io)).toBe(7);
    expect(io.err()).toMatch(/edition "morning" of 2025-07-11 failed, nothing was delivered:\n {2}every source failed: source "wire" \(http:\/\/127\.0\.0\.1:9\/feed\.xml\) failed: /);
    expect(io.err()).not.toMatch(/delivery .*: sent/);
    expect(io.err()).toMatch(/briefing: alert email ops@example\.org: sent\nbriefing: alert webhook http:\/\/127\.0\.0\.1:\d+\/alerts: sent/);
    expect(readerMail(p.smtp)).toHaveLength(0);
    expect(existsSync(join(p.dir, 'drop'))).toBe(false);
    expect(existsSync(join(p.dir, 'out', 'morning', 'briefing-2025-07-11.json'))).toBe(false);
    const store = await openStore(p.db);
    try {
      expect(await store.read((db) => listOutbox(db))).toEqual([]);
      expect(await store.read((db) => getEdition(db, 'morning', '2025-07-11'))).toMatchObject({ status: 'failed', error: expect.stringMatching(/^every source failed: source "wire"/) });
    } finally {
      await store.close();
    }
    // Operators hear of it by mail and webhook, with the reasons and what to do.
    expect(alertMail(p.smtp)).toHaveLength(1);
    expect(decodeHeader(parseMime(alertMail(p.smtp)[0]!.raw).headers.subject)).toBe('[briefing] morning 2025-07-11: run failed');
    expect(p.sink.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ kind: 'run-failed', edition: 'morning', date: '2025-07-11', reasons: [expect.stringMatching(/^every source failed/)], fix: expect.stringContaining('briefing generate --edition morning --date 2025-07-11') }),
    ]);

    // The same failure again within the hour: the run fails again, the operators are not mailed twice.
    const twice = captureIO(p.dir, new Date('2025-07-11T09:10:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-11'], twice)).toBe(7);
    expect(twice.err()).toMatch(/briefing: alert not sent: one went out at 2025-07-11T09:00:\d\d\.\d{3}Z \(alerts\.minIntervalMinutes\)/);
    expect(alertMail(p.smtp)).toHaveLength(1);
    expect(p.sink.requests).toHaveLength(1);

    // Fixed: the same date is produced and delivered as if the failed runs never happened.
    await p.write('  - { name: desk, kind: path, location: articles/ }');
    const fixed = captureIO(p.dir, new Date('2025-07-11T09:30:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-11'], fixed), fixed.err()).toBe(0);
    expect(fixed.err()).toMatch(/delivery email reader@example\.org: sent/);
    expect(readerMail(p.smtp)).toHaveLength(1);
    expect(existsSync(join(p.dir, 'drop', 'morning-2025-07-11.json'))).toBe(true);
  });

  it('right after briefing init, the empty articles/ folder fails the run the same way', async () => {
    const dir = await tempDir('briefing-init-run-');
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    expect(await runCli(['init'], captureIO(dir))).toBe(0);
    const io = captureIO(dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-11'], io)).toBe(7);
    expect(io.err()).toMatch(/failed, nothing was delivered:\n {2}nothing could be read from the edition's sources\n/);
    // init made the folder; the failed run put nothing in it.
    expect(readdirSync(join(dir, 'deliveries'))).toEqual([]);
  });
});

describe('minStories', () => {
  it('fails a run with fewer stories than the edition asks for (default 1) and delivers nothing', async () => {
    // 1 July is outside every article's day: the articles are read, and none is in the window.
    const p = await project('  - { name: desk, kind: path, location: articles/ }');
    const io = captureIO(p.dir, new Date('2025-07-02T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-01'], io)).toBe(7);
    expect(io.err()).toMatch(/the briefing has 0 stories, fewer than minStories \(1\)/);
    expect(readerMail(p.smtp)).toHaveLength(0);

    await p.write('  - { name: desk, kind: path, location: articles/ }', '    minStories: 3\n');
    const three = captureIO(p.dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-10'], three)).toBe(7);
    expect(three.err()).toMatch(/the briefing has 2 stories, fewer than minStories \(3\)/);
    expect(readerMail(p.smtp)).toHaveLength(0);
  });
});

describe('onSourceFailure', () => {
  const sources = `  - { name: desk, kind: path, location: articles/ }\n  - { name: wire, kind: feed, location: "${DEAD_FEED}" }`;

  it('warn (the default): delivers, says which source failed on stderr, in the log and in the briefing', async () => {
    const p = await project(sources);
    const io = captureIO(p.dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-10', '-q'], io), io.err()).toBe(0);
    expect(io.err()).toMatch(/briefing: warning: source "wire" \(http:\/\/127\.0\.0\.1:9\/feed\.xml\) failed: /);
    expect(readerMail(p.smtp)).toHaveLength(1);
    expect(alertMail(p.smtp)).toHaveLength(0);
    const briefing = BriefingSchema.parse(JSON.parse(await readFile(join(p.dir, 'out', 'morning', 'briefing-2025-07-10.json'), 'utf8')));
    expect(briefing.excluded).toContainEqual(expect.objectContaining({ path: DEAD_FEED, reason: expect.stringMatching(/^source "wire": /) }));

    // The log (the scheduler's JSON lines) carries the same warning.
    const logged: Record<string, unknown>[] = [];
    const store = await openStore(p.db);
    try {
      const config = await loadConfig({ cwd: p.dir, env: {} });
      const result = await runEdition(config, 'morning', { date: '2025-07-10', now: new Date('2025-07-11T09:10:00Z'), deliver: false, store, log: (l) => logged.push(l) });
      expect(result.status).toBe('success');
    } finally {
      await store.close();
    }
    expect(logged).toContainEqual(expect.objectContaining({ event: 'run.warning', level: 'warn', edition: 'morning', message: expect.stringMatching(/^source "wire" \(http:\/\/127\.0\.0\.1:9\/feed\.xml\) failed: /) }));
  });

  it('fail (top-level default, or per edition): the partial failure fails the run', async () => {
    const p = await project(sources, '', 'onSourceFailure: fail\n');
    const io = captureIO(p.dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-10'], io)).toBe(7);
    expect(io.err()).toMatch(/nothing was delivered:\n {2}source "wire" \(http:\/\/127\.0\.0\.1:9\/feed\.xml\) failed: /);
    expect(readerMail(p.smtp)).toHaveLength(0);
    expect(alertMail(p.smtp)).toHaveLength(1);
    // The edition's own setting wins over the top-level default.
    await p.write(sources, '    onSourceFailure: warn\n');
    const warned = captureIO(p.dir, new Date('2025-07-11T09:05:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-10'], warned), warned.err()).toBe(0);
    expect(readerMail(p.smtp)).toHaveLength(1);
  });
});

describe('a scheduled run that fails', () => {
  it('is logged with its reasons, recorded failed in the runs ledger, alerts, and delivers nothing', async () => {
    const p = await project(`  - { name: wire, kind: feed, location: "${DEAD_FEED}" }`);
    const clock = new ManualClock('2025-07-11T05:59:00Z');
    const timers = new ManualTimers();
    const stop = deferred<string>();
    const finished = deferred<void>();
    const lines: Record<string, unknown>[] = [];
    let buffered = '';
    const fireAt6 = (): void => {
      if (timers.pending.size === 0) return void setImmediate(fireAt6);
      clock.set('2025-07-11T06:00:00Z');
      timers.fireAll();
    };
    const stdout = Object.assign(
      new Writable({
        write(chunk, _e, callback) {
          buffered += String(chunk);
          for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
            const line = JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>;
            buffered = buffered.slice(nl + 1);
            lines.push(line);
            if (line.event === 'scheduler.start') setImmediate(fireAt6);
            if (line.event === 'run.finish') finished.resolve();
          }
          callback();
        },
      }),
      { isTTY: false },
    ) as unknown as NodeJS.WriteStream;
    const io = captureIO(p.dir);
    const exit = runCli(['schedule'], { ...io, stdout, now: () => clock.now(), timers, shutdown: () => stop.promise, onHangup: () => () => {} });
    await finished.promise;
    stop.resolve('SIGTERM');
    expect(await exit, io.err()).toBe(0);
    expect(lines.find((l) => l.event === 'run.error')).toMatchObject({ level: 'error', status: 'failed', error: expect.stringMatching(/^every source failed: source "wire"/) });
    expect(lines.filter((l) => l.event === 'alert.sent').map((l) => [l.channel, l.level])).toEqual([
      ['email', 'info'],
      ['webhook', 'info'],
    ]);
    expect(readerMail(p.smtp)).toHaveLength(0);
    expect(alertMail(p.smtp)).toHaveLength(1);
    const store = await openStore(p.db);
    try {
      expect(await store.read((db) => listRuns(db))).toMatchObject([{ edition: 'morning', scheduledFor: '2025-07-11T06:00:00.000Z', outcome: 'failed' }]);
      expect(await store.read((db) => listOutbox(db))).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('a delivery given up for good', () => {
  it('alerts the operators with the reason and the command that sends it again', async () => {
    const p = await project('  - { name: desk, kind: path, location: articles/ }', '', '', { refuse: ['reader@example.org'] });
    const io = captureIO(p.dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-10'], io), io.err()).toBe(0);
    expect(io.err()).toMatch(/delivery email reader@example\.org: failed: SMTP server answered 550/);
    expect(readerMail(p.smtp)).toHaveLength(0);
    const alerts = alertMail(p.smtp);
    expect(alerts).toHaveLength(1);
    expect(decodeHeader(parseMime(alerts[0]!.raw).headers.subject)).toMatch(/^\[briefing\] morning 2025-07-10: /);
    expect(p.sink.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        kind: 'delivery-failed',
        reasons: [expect.stringMatching(/^email to reader@example\.org: /)],
        fix: expect.stringContaining('briefing deliver --resend --edition morning --date 2025-07-10 --to reader@example.org'),
      }),
    ]);
  });
});
