import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers.js';

// semver comes with npm's dependency tree (bullmq uses it); it reads engines ranges exactly as npm does.
const semver = createRequire(import.meta.url)('semver') as { minVersion(range: string): { version: string } | null; satisfies(version: string, range: string): boolean };

/** Every installed package (nested ones too) with its declared Node range. */
function installedEngines(dir: string, out: Array<{ name: string; version: string; node: string }> = []) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (name.startsWith('@')) {
      installedEngines(path, out);
      continue;
    }
    const manifest = join(path, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string; engines?: { node?: string } };
      if (pkg.engines?.node) out.push({ name: pkg.name, version: pkg.version, node: pkg.engines.node });
    }
    if (existsSync(join(path, 'node_modules'))) installedEngines(join(path, 'node_modules'), out);
  }
  return out;
}

describe('the dependencies run on the Node this package supports', () => {
  it('no installed package asks for a newer Node than package.json engines allows (cookie@2 wanted 22)', () => {
    const ours = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const lowest = semver.minVersion(ours)!.version;
    const installed = installedEngines(join(repoRoot, 'node_modules'));
    expect(installed.length).toBeGreaterThan(50);
    const refusing = installed.filter((p) => !semver.satisfies(lowest, p.node)).map((p) => `${p.name}@${p.version} wants node ${p.node}`);
    expect(refusing).toEqual([]);
  });
});
