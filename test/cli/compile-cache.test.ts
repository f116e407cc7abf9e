import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot, seedsDir, tempDir } from '../helpers.js';

/**
 * Node 22.1 and later have a compile cache (module.enableCompileCache); Node 20, which `npm test` runs on here, has
 * none. Each test checks what the Node running it does: on Node 20 that the program writes no cache and runs as
 * before, on a later Node that the cache is where Node puts it by default (the temporary folder, here one of the
 * test's own) and that worker threads use it too.
 */
const nodeHasCompileCache = typeof (module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** The environment of a child whose temporary folder is `tmp`, without the variables that would set the cache itself. */
function childEnv(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  return env;
}

describe("Node's compile cache", () => {
  it('the executable keeps its compiled modules in the cache on a Node that has one, and writes none on Node 20', async () => {
    const tmp = await tempDir('compile-cache-');
    const out = join(tmp, 'out');
    const run = spawnSync(
      process.execPath,
      [join(repoRoot, 'bin', 'briefing.js'), 'generate', '--input', seedsDir, '--out', out, '--format', 'json', '--date', '2025-07-11', '-q'],
      { encoding: 'utf8', env: childEnv(tmp) },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(out, 'briefing-2025-07-11.json'))).toBe(true);
    const cache = join(tmp, 'node-compile-cache');
    expect(existsSync(cache)).toBe(nodeHasCompileCache);
    if (nodeHasCompileCache) expect(readdirSync(cache, { recursive: true }).length).toBeGreaterThan(0);
  });

  it.each([
    ['in the temporary folder', undefined],
    ['in the folder NODE_COMPILE_CACHE names', 'own'],
  ])('a worker thread started after it uses the same cache, %s (the engine and the pages run on threads)', async (_, own) => {
    const tmp = await tempDir('compile-cache-');
    const env = childEnv(tmp);
    if (own) env.NODE_COMPILE_CACHE = join(tmp, own);
    const helper = pathToFileURL(join(repoRoot, 'dist', 'util', 'compile-cache.js')).href;
    const script = `
      import module from 'node:module';
      import { Worker } from 'node:worker_threads';
      const { useCompileCache } = await import(${JSON.stringify(helper)});
      useCompileCache();
      const worker = new Worker("import module from 'node:module'; import { parentPort } from 'node:worker_threads'; parentPort.postMessage(String(module.getCompileCacheDir?.()));", { eval: true });
      worker.once('message', (inWorker) => {
        console.log(JSON.stringify({ main: String(module.getCompileCacheDir?.()), worker: inWorker }));
        void worker.terminate();
      });`;
    const run = spawnSync(process.execPath, ['--input-type=module', '--eval', script], { encoding: 'utf8', env });
    expect(run.status, run.stderr).toBe(0);
    const seen = JSON.parse(run.stdout) as { main: string; worker: string };
    expect(seen.worker).toBe(seen.main);
    // Node keeps each version's cache in a folder of its own inside the one it was given.
    if (nodeHasCompileCache) expect(seen.main.startsWith(join(tmp, own ?? 'node-compile-cache'))).toBe(true);
    else expect(seen.main).toBe('undefined');
  });
});
