import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This program's executable; the same file from src/cli (tests) and dist/cli (installed). */
export const BIN_PATH = fileURLToPath(new URL('../../bin/briefing.js', import.meta.url));
const PACKAGE_ROOT = dirname(dirname(BIN_PATH));

function realpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The folder npm takes as the project from `cwd`: the nearest one with a package.json or a node_modules. */
function npmProject(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'node_modules'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A shell word: quoted only when it has to be. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * How a user in `cwd` starts this very program, for the hints commands print: `briefing` when the one on the PATH
 * is this one (a global install), `npx briefing` when npm would run this one from here (the checkout itself, or a
 * project that depends on it; never when npx would have to fetch a package of that name from the registry), else
 * `node <path>/bin/briefing.js`, which always works.
 */
export function howToRun(cwd: string, env: Record<string, string | undefined>): string {
  const bin = realpath(BIN_PATH) ?? BIN_PATH;
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean);
  if (onPath.some((dir) => realpath(join(dir, 'briefing')) === bin)) return 'briefing';
  const project = npmProject(cwd);
  if (project && (realpath(project) === realpath(PACKAGE_ROOT) || realpath(join(project, 'node_modules', '.bin', 'briefing')) === bin)) {
    return 'npx briefing';
  }
  return `node ${shellWord(BIN_PATH)}`;
}
