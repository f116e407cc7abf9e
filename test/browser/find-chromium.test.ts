import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { BrowserNotFoundError } from '../../src/browser/errors.js';
import { chromiumArgs, findChromium } from '../../src/browser/find-chromium.js';
import { BriefingError } from '../../src/util/errors.js';
import { tempDir } from '../helpers.js';

let dir: string;
const fake = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await tempDir('briefing-find-chromium-');
  for (const name of ['briefing', 'puppeteer', 'chrome-path', 'candidate-a', 'candidate-b']) {
    await writeFile(fake(name), '#!/bin/sh\nexit 0\n');
    await chmod(fake(name), 0o755);
  }
  await writeFile(fake('not-executable'), 'plain file');
  await chmod(fake('not-executable'), 0o644);
});

describe('findChromium', () => {
  const all = () => ({ BRIEFING_CHROMIUM: fake('briefing'), PUPPETEER_EXECUTABLE_PATH: fake('puppeteer'), CHROME_PATH: fake('chrome-path') });

  test('BRIEFING_CHROMIUM, then PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then the candidates', () => {
    const candidates = [fake('candidate-a')];
    expect(findChromium(all(), candidates)).toBe(fake('briefing'));
    expect(findChromium({ ...all(), BRIEFING_CHROMIUM: '' }, candidates)).toBe(fake('puppeteer'));
    expect(findChromium({ CHROME_PATH: fake('chrome-path') }, candidates)).toBe(fake('chrome-path'));
    expect(findChromium({}, candidates)).toBe(fake('candidate-a'));
  });

  test('candidates in order, skipping missing and non-executable files', () => {
    const candidates = [fake('missing'), fake('not-executable'), dir, fake('candidate-b'), fake('candidate-a')];
    expect(findChromium({}, candidates)).toBe(fake('candidate-b'));
  });

  test('a variable naming a missing file is an error, not a silent fallback', () => {
    const run = () => findChromium({ BRIEFING_CHROMIUM: fake('missing') }, [fake('candidate-a')]);
    expect(run).toThrow(BrowserNotFoundError);
    expect(run).toThrow(/BRIEFING_CHROMIUM=.*missing is not an executable file/);
  });

  test('nothing found: the message says how to install a browser, and the error carries an exit code', () => {
    let caught: unknown;
    try {
      findChromium({}, [fake('missing'), fake('not-executable')]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BrowserNotFoundError);
    expect(caught).toBeInstanceOf(BriefingError);
    const error = caught as BrowserNotFoundError;
    expect(error.message).toContain('apt-get install -y chromium');
    expect(error.message).toContain('BRIEFING_CHROMIUM=/path/to/chrome');
    expect(error.message).toContain(fake('missing'));
    expect(error.exitCode).toBe(3);
  });

  test('the default environment finds the system Chromium of this machine', () => {
    expect(findChromium({})).toMatch(/chrom/i);
  });
});

describe('chromiumArgs', () => {
  const required = ['--headless', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

  test('the quiet-browser flags, and --no-sandbox only as root', () => {
    expect(chromiumArgs(false)).toEqual(expect.arrayContaining(required));
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
    expect(chromiumArgs(true)).toEqual(expect.arrayContaining([...required, '--no-sandbox']));
  });

  test('the default follows the current user', () => {
    expect(chromiumArgs().includes('--no-sandbox')).toBe(process.getuid?.() === 0);
  });
});
