import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumArgs, findChromium } from '../browser/find-chromium.js';

/**
 * The floors' browser: plain puppeteer on the project's Chromium with the project's flags, in a throwaway profile,
 * none of our BrowserManager. Every floor (one PDF, a raw pool, startup) launches it the same way, so the ratios
 * compare our code with the same browser doing the same work.
 */
export async function withRawBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'briefing-bench-'));
  try {
    const browser = await puppeteer.launch({
      executablePath: findChromium(),
      ignoreDefaultArgs: true,
      args: [...chromiumArgs(), `--user-data-dir=${userDataDir}`],
      pipe: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    try {
      return await fn(browser);
    } finally {
      await browser.close();
    }
  } finally {
    await rm(userDataDir, { recursive: true, force: true });
  }
}
