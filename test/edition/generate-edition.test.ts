import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { BriefingSchema, type Briefing } from '../../src/model/schema.js';
import { getEdition, listOutbox, openStore } from '../../src/store/index.js';
import { captureIO } from '../helpers.js';
import { editionProject } from './helpers.js';

const readBriefing = async (dir: string, date: string): Promise<Briefing> =>
  BriefingSchema.parse(JSON.parse(await readFile(join(dir, 'out', 'morning', `briefing-${date}.json`), 'utf8')));

describe('briefing generate --edition', () => {
  it('writes the outputs, records the edition in the store file, delivers once, and status shows it', async () => {
    const project = await editionProject();
    const io = captureIO(project.dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-10'], io), io.err()).toBe(0);
    expect((await readdir(join(project.dir, 'out', 'morning'))).sort()).toEqual(['briefing-2025-07-10.html', 'briefing-2025-07-10.json', 'briefing-2025-07-10.md']);
    const briefing = await readBriefing(project.dir, '2025-07-10');
    // The 24-hour window of 10 July keeps that day's articles and leaves the 9th and 11th out, saying why.
    expect(briefing.articles.map((a) => a.id).sort()).toEqual(['a2-strike', 'c1-airline']);
    expect(briefing.excluded.filter((e) => /outside the edition's window/.test(e.reason))).toHaveLength(4);
    expect(briefing.title).toBe('Test Brief');
    expect(await readFile(join(project.dir, 'out', 'morning', 'briefing-2025-07-10.html'), 'utf8')).toContain('Note from the <strong>desk</strong>');
    expect((await readdir(join(project.dir, 'drop'))).sort()).toEqual(['morning-2025-07-10.html', 'morning-2025-07-10.json', 'morning-2025-07-10.md']);
    expect(io.err()).toMatch(/edition morning of 2025-07-10: 2 threads \(2 new\)/);
    expect(io.err()).toMatch(/delivery file .*drop: sent/);

    const store = await openStore(project.db);
    try {
      const record = (await store.read((db) => getEdition(db, 'morning', '2025-07-10')))!;
      expect(record).toMatchObject({ status: 'ok', error: null, inputsDigest: briefing.inputsDigest });
      expect(record.outputs).toEqual([
        { format: 'json', path: 'out/morning/briefing-2025-07-10.json' },
        { format: 'md', path: 'out/morning/briefing-2025-07-10.md' },
        { format: 'html', path: 'out/morning/briefing-2025-07-10.html' },
      ]);
      expect(Object.keys(record.durations)).toEqual(['ingest', 'clean', 'analyze', 'group', 'summarize', 'compose', 'memory', 'render', 'write']);
    } finally {
      await store.close();
    }

    // A second run of the same date produces the edition again but does not deliver it again.
    await rm(join(project.dir, 'drop'), { recursive: true });
    const again = captureIO(project.dir, new Date('2025-07-11T09:30:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-10'], again), again.err()).toBe(0);
    expect(existsSync(join(project.dir, 'drop'))).toBe(false);
    // It says what it did: nothing was sent now, the file went out on the first run.
    expect(again.err()).toMatch(/delivery file .*drop: already delivered on 2025-07-11T09:00:\d\d/);
    expect(again.err()).not.toMatch(/drop: sent/);
    const reopened = await openStore(project.db);
    try {
      const outbox = await reopened.read((db) => listOutbox(db));
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ edition: 'morning', date: '2025-07-10', channel: 'file', status: 'sent', attempts: 1 });
    } finally {
      await reopened.close();
    }

    const status = captureIO(project.dir, new Date('2025-07-11T09:45:00Z'));
    expect(await runCli(['status'], status), status.err()).toBe(0);
    expect(status.out()).toContain('morning  (0 6 * * *, UTC)');
    expect(status.out()).toContain('next run:      2025-07-12T06:00:00+00:00 (2025-07-12T06:00:00.000Z UTC)');
    expect(status.out()).toContain('last run:      never scheduled');
    expect(status.out()).toMatch(/last edition: {2}2025-07-10 ok at /);
    expect(status.out()).toContain('deliveries: 0 failed, 0 pending');
    const json = captureIO(project.dir, new Date('2025-07-11T09:45:00Z'));
    expect(await runCli(['status', '--json'], json)).toBe(0);
    expect(JSON.parse(json.out()).editions[0]).toMatchObject({ edition: 'morning', nextRun: { utc: '2025-07-12T06:00:00.000Z' }, lastEdition: { date: '2025-07-10', status: 'ok' } });
  });

  it('--no-deliver produces and records the edition but sends nothing', async () => {
    const project = await editionProject();
    const io = captureIO(project.dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-09', '--no-deliver'], io), io.err()).toBe(0);
    expect(existsSync(join(project.dir, 'out', 'morning', 'briefing-2025-07-09.json'))).toBe(true);
    expect(existsSync(join(project.dir, 'drop'))).toBe(false);
    expect(io.err()).toMatch(/--no-deliver: nothing was sent/);
  });

  it('shows failed deliveries in status', async () => {
    // A file delivery into a path under a regular file cannot succeed: a permanent failure.
    const project = await editionProject({ extra: '      - { channel: file, dir: briefing.config.yaml/sub }\n' });
    const io = captureIO(project.dir, new Date('2025-07-11T09:00:00Z'));
    expect(await runCli(['generate', '--edition', 'morning', '--date', '2025-07-09'], io), io.err()).toBe(0);
    expect(io.err()).toMatch(/delivery file .*briefing\.config\.yaml\/sub: (failed: |will retry at )/);
    const status = captureIO(project.dir, new Date('2025-07-11T09:45:00Z'));
    expect(await runCli(['status'], status)).toBe(0);
    expect(status.out()).toMatch(/deliveries: [01] failed, [01] pending/);
    expect(status.out()).toMatch(/(failed|pending) {2,3}morning 2025-07-09 file .*briefing\.config\.yaml\/sub/);
  });

  it.each([
    [['generate', '--edition', 'nightly'], /no edition is named "nightly"; the configuration has morning/],
    [['generate', '--edition', 'morning', '--input', 'x'], /--input cannot be combined with --edition/],
    [['generate', '--edition', 'morning', '--date', '2025-02-30'], /--date "2025-02-30"/],
    [['generate', '--no-deliver', '--input', 'x'], /--no-deliver only applies with --edition/],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const project = await editionProject();
    const io = captureIO(project.dir);
    expect(await runCli(args, io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(existsSync(join(project.dir, 'out'))).toBe(false);
  });

  it('keeps a story\'s thread id across three days and marks what is new since the last edition', async () => {
    const project = await editionProject();
    const days = ['2025-07-09', '2025-07-10', '2025-07-11'];
    for (const day of days) {
      const io = captureIO(project.dir, new Date(`${day}T06:00:00Z`));
      expect(await runCli(['generate', '--edition', 'morning', '--date', day, '--quiet'], io), io.err()).toBe(0);
    }
    const [day1, day2, day3] = await Promise.all(days.map((d) => readBriefing(project.dir, d)));
    const strike = (b: Briefing, id: string) => b.threads.find((t) => t.articleIds.includes(id))!;
    const first = strike(day1!, 'a1-strike');
    expect(first.isNew).toBe(true);
    const second = strike(day2!, 'a2-strike');
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ isNew: false, continuesFrom: '2025-07-09', lastEditionDate: '2025-07-09' });
    expect(day2!.articles.find((a) => a.id === 'a2-strike')!.isNewSinceLast).toBe(true);
    expect(strike(day2!, 'c1-airline').isNew).toBe(true);
    expect(day2!.memory).toMatchObject({ edition: 'morning', previousDate: '2025-07-09' });
    // The remembered day-1 event comes back in the timeline, marked not new.
    // At 06:00 the 24-hour window reaches back into the 9th: the day-1 article is there again, but not as news.
    expect(day2!.articles.find((a) => a.id === 'a1-strike')!.isNewSinceLast).toBe(false);
    expect(second.summary.some((s) => s.isNewSinceLast === true)).toBe(true);
    const third = strike(day3!, 'a3-strike');
    expect(third.id).toBe(first.id);
    expect(third.continuesFrom).toBe('2025-07-09');
    expect(day3!.memory).toMatchObject({ previousDate: '2025-07-10' });
  });
});
