// Real servers for tests: a throwaway PostgreSQL cluster and a redis-server, each on a free port with its files in a
// temp folder, stopped and deleted by stop(). Debian's packages provide the binaries (scripts/setup.mjs installs them
// for `npm test` when they are missing). A server still running when the test process exits is stopped then, so a
// test file that forgets stop() or crashes leaves no server behind.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findBinary, freePort } from '../src/bench/local-servers.js';

const running = new Set<() => void>();
process.once('exit', () => {
  for (const stopNow of running) stopNow();
});

/** Debian keeps PostgreSQL's server programs in /usr/lib/postgresql/<version>/bin, newest version first. */
function postgresBinDirs(): string[] {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(base, version, 'bin'));
}

const SETUP_HINT = 'run `npm test` (its set-up installs it as root) or `sudo apt-get install -y postgresql redis-server`';

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, no password). */
  url: string;
  port: number;
  /** A new, empty database on the cluster; its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server (immediate) and deletes its folder. */
  stop(): Promise<void>;
}

let databaseCounter = 0;

/**
 * A throwaway PostgreSQL cluster: initdb into a temp folder, pg_ctl start on a free port (TCP on 127.0.0.1, the unix
 * socket in the folder), durability off (fsync, full pages) since the data dies with the test.
 * initdb and postgres refuse to run as root: as root they run as Debian's `postgres` user, the folder given to it.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const initdb = findBinary('initdb', postgresBinDirs());
  const pgCtl = initdb ? join(dirname(initdb), 'pg_ctl') : undefined;
  if (!initdb || !pgCtl || !existsSync(pgCtl)) throw new Error(`PostgreSQL's initdb/pg_ctl not found in PATH or /usr/lib/postgresql/*/bin: ${SETUP_HINT}.`);
  const asUser = runAsPostgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'briefing-pg-'));
  try {
    if (asUser.uid !== undefined) giveTo(dir, asUser.uid, asUser.gid!);
    const data = join(dir, 'data');
    const port = await freePort();
    runChecked(asUser.prefix, initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c synchronous_commit=off',
      '-c max_connections=200',
    ].join(' ');
    runChecked(asUser.prefix, pgCtl, ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
    let stopped = false;
    const stopNow = () => {
      if (stopped) return;
      stopped = true;
      running.delete(stopNow);
      spawnSync(...command(asUser.prefix, pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']), { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    };
    running.add(stopNow);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      async createDatabase(name = `test_${process.pid}_${++databaseCounter}`) {
        const { default: pg } = await import('pg');
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
      },
      async stop() {
        stopNow();
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    throw error;
  }
}

interface RunAs {
  prefix: string[];
  uid?: number;
  gid?: number;
}

/** How to run PostgreSQL's programs: directly, or as root through runuser/setpriv as the `postgres` user. */
function runAsPostgresUser(): RunAs {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (ids.status !== 0 || gids.status !== 0) {
    throw new Error(`PostgreSQL refuses to run as root and there is no \`postgres\` user to run it as: create one (Debian's postgresql package does) or run the tests as another user.`);
  }
  const uid = Number(ids.stdout.trim());
  const gid = Number(gids.stdout.trim());
  for (const prefix of [['runuser', '-u', 'postgres', '--'], ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups']]) {
    if (spawnSync(prefix[0]!, [...prefix.slice(1), 'true'], { stdio: 'ignore' }).status === 0) return { prefix, uid, gid };
  }
  throw new Error('PostgreSQL refuses to run as root, and neither `runuser` nor `setpriv` can switch to the `postgres` user here: run the tests as a user other than root.');
}

/** Gives `dir` to the postgres user and lets it reach the folder through the ones above (temp folders are 0700). */
function giveTo(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (let parent = dirname(dir); parent !== dirname(parent); parent = dirname(parent)) {
    const stat = statSync(parent);
    if ((stat.mode & 0o001) === 0 && stat.uid === process.getuid?.()) chmodSync(parent, stat.mode | 0o001);
  }
}

function command(prefix: string[], program: string, args: string[]): [string, string[]] {
  return prefix.length === 0 ? [program, args] : [prefix[0]!, [...prefix.slice(1), program, ...args]];
}

function runChecked(prefix: string[], program: string, args: string[]): void {
  const result = spawnSync(...command(prefix, program, args), { encoding: 'utf8', cwd: '/' });
  if (result.status !== 0) {
    throw new Error(`${program} ${args[args.length - 1]} failed (exit ${result.status ?? result.signal}): ${(result.stderr || result.stdout || String(result.error)).trim()}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Redis: shared with the benchmarks (src/bench/local-servers.ts).

export { startRedis, type RedisOptions, type TestRedis } from '../src/bench/local-servers.js';
