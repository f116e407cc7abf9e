import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers.js';

// What `npm pack` (and so `npm install -g briefing-<version>.tgz` or a publish) ships. A packed install from the
// registry takes minutes, too slow here: the README's "Install" says how it was checked by hand. These tests check
// the file list, that the packed code needs nothing but its dependencies, and that the packed files run.

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};

function npmPack(args: string[]): PackResult {
  // --ignore-scripts: packs the dist/ already built (npm test builds it) instead of running prepare's tsc again.
  const result = spawnSync('npm', ['pack', '--json', '--ignore-scripts', ...args], { cwd: repoRoot, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as PackResult[])[0]!;
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)));
}

describe('the npm package', () => {
  let packed: PackResult;
  let paths: string[];
  beforeAll(() => {
    packed = npmPack(['--dry-run']);
    paths = packed.files.map((f) => f.path);
  });

  it('holds the executable, the built program and its types', () => {
    expect(pkg.bin).toEqual({ briefing: 'bin/briefing.js' });
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/briefing.js', 'dist/cli/main.js', 'dist/index.js', 'dist/index.d.ts']));
  });

  it('holds every theme (the app and the briefing themes, each with its e-mail body), the label catalogs and the seeds the theme tools preview with', () => {
    const themes = readdirSync(join(repoRoot, 'templates'));
    expect(themes).toEqual(expect.arrayContaining(['app', 'default', 'compact', 'newsletter']));
    expect(paths).toEqual(expect.arrayContaining(['templates/default/email.hbs', 'templates/default/styles/email.css']));
    expect(paths).toEqual(expect.arrayContaining(filesUnder('templates')));
    expect(paths).toEqual(expect.arrayContaining(filesUnder('locales')));
    expect(paths).toEqual(expect.arrayContaining(filesUnder('seeds')));
  });

  it('holds no sources, tests, developer tools, source maps, secrets or leftovers, and stays small', () => {
    const unwanted = paths.filter((p) =>
      /^(src|test|scripts|docs|node_modules|data|out)\/|^dist\/(bench|eval)\/|\.map$|\.tsbuildinfo$|\.tgz$|(^|\/)\.env|(^|\/)\.npmrc$|\.sqlite/.test(p),
    );
    expect(unwanted).toEqual([]);
    expect(packed.size).toBeLessThan(1_500_000);
    expect(packed.unpackedSize).toBeLessThan(4_000_000);
  });

  it('needs nothing outside its dependencies and Node (no devDependency such as typescript or vitest)', () => {
    const needed = new Set<string>();
    for (const path of paths.filter((p) => p.endsWith('.js'))) {
      const code = readFileSync(join(repoRoot, path), 'utf8');
      // Static imports and re-exports at the start of a line, dynamic import() and require() anywhere.
      const specifiers = code.matchAll(/^(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm);
      for (const match of specifiers) {
        const spec = (match[1] ?? match[2] ?? match[3])!;
        if (spec.startsWith('.')) continue;
        if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) continue;
        needed.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect([...needed].filter((name) => !(name in pkg.dependencies)).sort()).toEqual([]);
    expect(needed.size).toBeGreaterThan(10);
  });

  it('runs from its packed files: --version, --help and a theme check over the packed seeds and templates', async () => {
    const dir = await tempDir();
    const tarball = npmPack(['--pack-destination', dir]).filename;
    expect(spawnSync('tar', ['-xzf', join(dir, tarball), '-C', dir]).status).toBe(0);
    // The dependencies as installed here; only the package's own files are under test.
    await symlink(join(repoRoot, 'node_modules'), join(dir, 'package', 'node_modules'));
    const run = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'package', 'bin', 'briefing.js'), ...args], { cwd: dir, encoding: 'utf8' });
    const version = run('--version');
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
    const help = run('--help');
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: briefing \[options\] \[command\]/);
    const check = run('templates', 'validate', 'newsletter');
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('newsletter: no problems found.');
  });
});
