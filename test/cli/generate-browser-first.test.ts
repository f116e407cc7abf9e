import { afterEach, describe, expect, test, vi } from 'vitest';
import { runGenerate } from '../../src/cli/generate.js';
import { captureIO, seedsDir, tempDir } from '../helpers.js';

// What a run does, in order: the browser's calls, reading the configuration and producing the briefing.
const calls: string[] = [];

vi.mock('../../src/browser/browser-manager.js', () => ({
  BrowserManager: class {
    constructor(options: { maxJobsPerBrowser?: number }) {
      calls.push(`browser for ${options.maxJobsPerBrowser} job`);
    }
    prelaunch() {
      calls.push('prelaunch');
    }
    async close() {
      calls.push('close');
    }
  },
}));

vi.mock('../../src/config/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/config/index.js')>();
  return {
    ...real,
    loadConfig: (...args: Parameters<typeof real.loadConfig>) => {
      calls.push('config');
      return real.loadConfig(...args);
    },
  };
});

vi.mock('../../src/produce/index.js', () => ({
  produceBriefing: async (options: { browser?: unknown }) => {
    calls.push(options.browser ? 'produce on that browser' : 'produce without a browser');
    throw new Error('stopped before the engine');
  },
}));

afterEach(() => {
  calls.length = 0;
});

describe('generate and the browser', () => {
  test('a PDF run starts Chromium before it reads the configuration, produces on that browser and closes it, also on failure', async () => {
    const io = captureIO(await tempDir());
    await expect(runGenerate({ input: [seedsDir], format: 'json,pdf', paper: 'a4', quiet: true }, io)).rejects.toThrow('stopped before the engine');
    expect(calls).toEqual(['browser for 1 job', 'prelaunch', 'config', 'produce on that browser', 'close']);
  });

  test('a run without a PDF starts no browser', async () => {
    const io = captureIO(await tempDir());
    await expect(runGenerate({ input: [seedsDir], format: 'json,html', paper: 'a4', quiet: true }, io)).rejects.toThrow('stopped before the engine');
    expect(calls).toEqual(['config', 'produce without a browser']);
  });
});
