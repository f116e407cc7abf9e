#!/usr/bin/env node
// Makes a fresh checkout runnable: installs dependencies and builds when they are missing or stale.
// Plain Node with no dependencies, because it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const quiet = process.argv.includes('--quiet');
const say = (message) => process.stderr.write(`setup: ${message}\n`);

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    say(`"${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal}). Fix the error above and run it again.`);
    process.exit(result.status ?? 1);
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

// Keep in step with src/browser/find-chromium.ts: the same variables, then the same paths.
const BROWSER_VARIABLES = ['BRIEFING_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'];
const BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

function findBrowser() {
  for (const name of BROWSER_VARIABLES) if (process.env[name] && existsSync(process.env[name])) return process.env[name];
  return BROWSER_PATHS.find((path) => existsSync(path));
}

function ensureBrowser() {
  const found = findBrowser();
  if (found) {
    if (!quiet) say(`browser: ${found}`);
    return;
  }
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    say('no Chromium found: installing Debian\'s chromium (apt-get install -y chromium)...');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium']);
    if (findBrowser()) return;
  }
  say(
    'no Chromium or Chrome found. Install one (Debian/Ubuntu: sudo apt-get install -y chromium) ' +
      'or point BRIEFING_CHROMIUM at a Chrome/Chromium executable, then run this again.',
  );
  process.exit(1);
}

// The servers the tests start for themselves (test/servers.ts): a throwaway PostgreSQL cluster and a redis-server.
// Keep in step with test/servers.ts: PATH first, then Debian's folder of PostgreSQL's server programs.
function findProgram(name, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...extraDirs];
  return dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
}

function postgresBinDirs() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(base, version, 'bin'));
}

function missingServers() {
  const missing = [];
  if (!findProgram('redis-server', ['/usr/bin', '/usr/sbin'])) missing.push('redis-server');
  if (!findProgram('initdb', postgresBinDirs())) missing.push('postgresql');
  return missing;
}

/** Only for `npm test` (--servers): `npm start` and the CLI never need these servers. */
function ensureServers() {
  let missing = missingServers();
  if (missing.length === 0) {
    if (!quiet) say('test servers: redis-server and PostgreSQL are installed.');
    return;
  }
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    say(`the tests start their own ${missing.join(' and ')}: installing Debian's packages (apt-get install -y ${missing.join(' ')})...`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
    missing = missingServers();
    if (missing.length === 0) return;
  }
  say(
    `the tests start their own redis-server and PostgreSQL cluster, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed. ` +
      `Install ${missing.length > 1 ? 'them' : 'it'} (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}), then run this again.`,
  );
  process.exit(1);
}

const installedMarker = join(root, 'node_modules', '.package-lock.json');
const lockFile = join(root, 'package-lock.json');
if (!existsSync(installedMarker) || newestMtime(lockFile) > newestMtime(installedMarker)) {
  // `npm install` rather than `npm ci`: it honours the lock file too, and unlike `npm ci` it accepts lock
  // files written without registry URLs (omit-lockfile-registry-resolved), which lose the optional
  // per-platform packages that esbuild and rollup list.
  say('installing dependencies (npm install)...');
  run('npm', ['install', '--no-audit', '--no-fund']);
} else if (!quiet) {
  say('dependencies are installed.');
}

const builtEntry = join(root, 'dist', 'cli', 'main.js');
const sources = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'package.json')));
if (!existsSync(builtEntry) || sources > newestMtime(join(root, 'dist'))) {
  say('building (tsc)...');
  run('npm', ['run', '--silent', 'build']);
} else if (!quiet) {
  say('build is up to date.');
}

if (!process.argv.includes('--no-browser')) ensureBrowser();
if (process.argv.includes('--servers')) ensureServers();
