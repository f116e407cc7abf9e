import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { BriefingSchema } from '../../src/model/schema.js';
import { captureIO, seedsDir, tempDir } from '../helpers.js';

describe('briefing generate', () => {
  it('writes a valid briefing JSON for the seeds and summarises the run on stderr', async () => {
    const dir = await tempDir();
    const io = captureIO(dir);
    const code = await runCli(['generate', '--input', seedsDir, '--out', 'out', '--date', '2025-07-11', '--timezone', 'Europe/London', '--format', 'json'], io);
    expect(code, io.err()).toBe(0);
    expect(await readdir(join(dir, 'out'))).toEqual(['briefing-2025-07-11.json']);
    const briefing = BriefingSchema.parse(JSON.parse(await readFile(join(dir, 'out', 'briefing-2025-07-11.json'), 'utf8')));
    expect(briefing.date).toBe('2025-07-11');
    expect(briefing.timezone).toBe('Europe/London');
    expect(briefing.articles).toHaveLength(5);
    expect(io.err()).toMatch(/read 5 inputs, kept 5 articles, excluded 0; 1 thread, 3 events; wrote out\/briefing-2025-07-11\.json/);
    expect(io.err()).toMatch(/ingest done in \d+ ms/);
  });

  it('takes the briefing date from the clock in the given time zone', async () => {
    const dir = await tempDir();
    // 23:30 UTC on 10 July is already 11 July in Tokyo.
    const io = captureIO(dir, new Date('2025-07-10T23:30:00Z'));
    const code = await runCli(['generate', '-i', seedsDir, '-o', dir, '-z', 'Asia/Tokyo', '-q', '-f', 'json'], io);
    expect(code, io.err()).toBe(0);
    expect(await readdir(dir)).toContain('briefing-2025-07-11.json');
    expect(io.err()).toBe('');
  });

  it.each([
    [['generate', '--date', '2025-13-40'], /--date "2025-13-40"/],
    [['generate', '--date', 'yesterday'], /use YYYY-MM-DD/],
    [['generate', '--timezone', 'Mars/Olympus'], /not an IANA time zone/],
    [['generate', '--format', 'docx'], /--format "docx" is not supported/],
    [['generate', '--max-bytes', '-5'], /--max-bytes "-5" must be a positive whole number/],
    [['generate', '--no-such-flag'], /unknown option/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 with a message on bad usage: %j', async (args, message) => {
    const dir = await tempDir();
    const io = captureIO(dir);
    expect(await runCli([...args, '--input', seedsDir], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(await readdir(dir)).toEqual([]);
  });

  it('exits 1 and writes nothing when no input can be read', async () => {
    const dir = await tempDir();
    const io = captureIO(dir);
    expect(await runCli(['generate', '--input', join(dir, 'missing'), '--out', 'out'], io)).toBe(1);
    expect(io.err()).toMatch(/No article could be read/);
    expect(io.err()).toContain('missing');
    expect(await readdir(dir)).toEqual([]);
  });

  it('prints help with exit 0 for every command', async () => {
    for (const args of [['--help'], ['generate', '--help'], ['schema', '--help']]) {
      const io = captureIO(await tempDir());
      expect(await runCli(args, io)).toBe(0);
      expect(io.out()).toMatch(/Usage: briefing/);
    }
  });

  it('prints the JSON Schema of the model', async () => {
    const io = captureIO(await tempDir());
    expect(await runCli(['schema'], io)).toBe(0);
    const schema = JSON.parse(io.out());
    expect(schema.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'title', 'date', 'timezone', 'generatedAt', 'articles', 'threads', 'excluded']),
    );
  });
});
