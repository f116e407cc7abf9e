import { accessSync, constants, statSync } from 'node:fs';
import { BrowserNotFoundError } from './errors.js';

/** Environment variables that name the browser, first match wins. */
export const CHROMIUM_ENV_VARS = ['BRIEFING_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const;

/** Where distributions put Chromium or Chrome, most likely first. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/chrome',
  '/usr/local/bin/chromium',
  '/usr/local/bin/chromium-browser',
  '/usr/local/bin/google-chrome',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const INSTALL_HINT =
  'Install one with "apt-get install -y chromium" (Debian/Ubuntu), or set BRIEFING_CHROMIUM=/path/to/chrome.';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The browser used for PDF output. An environment variable that is set but points nowhere is an
 * error rather than a silent fallback: the user asked for that browser, so using another would hide the mistake.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = CHROMIUM_CANDIDATES): string {
  for (const name of CHROMIUM_ENV_VARS) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (isExecutableFile(value)) return value;
    throw new BrowserNotFoundError(`${name}=${value} is not an executable file. ${INSTALL_HINT}`);
  }
  const found = candidates.find(isExecutableFile);
  if (found) return found;
  throw new BrowserNotFoundError(
    `No Chromium or Chrome found (looked at $${CHROMIUM_ENV_VARS.join(', $')} and ${candidates.join(', ')}). ${INSTALL_HINT}`,
  );
}

/**
 * Launch flags: no background traffic of the browser's own (updates, sync, first-run pages) so the only
 * network a render could cause is the document's, which the page manager blocks. --no-sandbox only for
 * root, where Chromium refuses to start sandboxed; everywhere else the sandbox is one more wall around hostile content.
 */
export function chromiumArgs(isRoot: boolean = process.getuid?.() === 0): string[] {
  const args = [
    '--headless',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--disable-default-apps',
    '--hide-scrollbars',
    '--mute-audio',
  ];
  if (isRoot) args.push('--no-sandbox');
  return args;
}
