import { mkdir, readdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AcceptedJournal, createFileChannel, deliver, fileNameFor, type Channel } from '../../src/deliver/index.js';
import { tempDir } from '../helpers.js';
import { tempOutbox } from '../store/temp-store.js';
import { FakeClock, sampleEdition, TINY_PDF } from './helpers.js';

describe('fileNameFor', () => {
  test('fills edition, date, ext and name', () => {
    const values = { edition: 'morning', date: '2025-07-10', filename: 'briefing-2025-07-10.pdf' };
    expect(fileNameFor('{edition}-{date}.{ext}', values)).toBe('morning-2025-07-10.pdf');
    expect(fileNameFor('{name}.{edition}.{ext}', values)).toBe('briefing-2025-07-10.morning.pdf');
  });

  test('never leaves the folder', () => {
    expect(fileNameFor('{edition}.{ext}', { edition: '../etc', date: 'd', filename: 'x.json' })).toBe('..-etc.json');
    expect(() => fileNameFor('sub/{edition}.{ext}', { edition: 'e', date: 'd', filename: 'x.json' })).toThrow(/plain file name/);
  });
});

describe('file channel through the outbox', () => {
  test('copies every output under the pattern, and a rerun writes nothing again', async () => {
    const root = await tempDir();
    const dir = join(root, 'inbox');
    const store = await tempOutbox();
    const journal = new AcceptedJournal(join(root, 'journal'));
    const inner = createFileChannel();
    let sends = 0;
    const counting: Channel = { send: (job) => ((sends += 1), inner.send(job)) };
    const clock = new FakeClock(Date.parse('2025-07-10T05:00:00Z'));
    const edition = sampleEdition();

    const first = await deliver(edition, [{ channel: 'file', dir }], store, clock, { channels: { file: counting }, journal });
    expect(first.outcomes).toEqual([expect.objectContaining({ channel: 'file', recipient: dir, status: 'sent', attempts: 1, error: null })]);
    expect((await readdir(dir)).sort()).toEqual(['morning-2025-07-10.json', 'morning-2025-07-10.pdf']);
    expect(await readFile(join(dir, 'morning-2025-07-10.pdf'))).toEqual(TINY_PDF);
    expect(JSON.parse(await readFile(join(dir, 'morning-2025-07-10.json'), 'utf8')).title).toBe('Daily Briefing');

    await writeFile(join(dir, 'morning-2025-07-10.pdf'), 'changed by a reader');
    clock.advance(3_600_000);
    const second = await deliver(edition, [{ channel: 'file', dir }], store, clock, { channels: { file: counting }, journal });
    expect(sends).toBe(1);
    expect(second.outcomes[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await readFile(join(dir, 'morning-2025-07-10.pdf'), 'utf8')).toBe('changed by a reader');
    expect(await store.list()).toHaveLength(1);
    expect(await readdir(join(root, 'journal'))).toEqual([]);
  });

  test('an unwritable folder is a permanent failure with the path in the error', async () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions: use a path below a regular file instead, which fails for everyone.
      const root = await tempDir();
      await writeFile(join(root, 'plain'), '');
      const dir = join(root, 'plain', 'inbox');
      const report = await deliver(sampleEdition(), [{ channel: 'file', dir }], await tempOutbox(), new FakeClock(0), {
        channels: { file: createFileChannel() },
        journal: new AcceptedJournal(join(root, 'journal')),
      });
      expect(report.outcomes[0]).toMatchObject({ status: 'failed', attempts: 1 });
      expect(report.outcomes[0]!.error).toContain(join(root, 'plain'));
      return;
    }
    const root = await tempDir();
    const dir = join(root, 'locked');
    await mkdir(dir);
    await chmod(dir, 0o500);
    const report = await deliver(sampleEdition(), [{ channel: 'file', dir }], await tempOutbox(), new FakeClock(0), {
      channels: { file: createFileChannel() },
      journal: new AcceptedJournal(join(root, 'journal')),
    });
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(report.outcomes[0]!.error).toContain(dir);
  });
});
