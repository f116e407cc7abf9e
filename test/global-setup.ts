// One temporary folder for the whole test run: every test's temp files (and Chromium's profiles) go inside it, through
// TMPDIR, which the workers inherit. Tests remove what they make (tempDir() in helpers.ts does it for them); what is
// still there at the end is listed, so a leaking test is named, and then removed, so nothing is left in /tmp.
// Node's compile cache (Node 22.1 and later, turned on by bin/briefing.js) would be one more folder in it from every
// test that runs the executable: it is turned off for the run (test/cli/compile-cache.test.ts turns it back on).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = { TMPDIR: process.env.TMPDIR, NODE_DISABLE_COMPILE_CACHE: process.env.NODE_DISABLE_COMPILE_CACHE };
  const root = mkdtempSync(join(tmpdir(), 'briefing-test-run-'));
  process.env.TMPDIR = root;
  process.env.NODE_DISABLE_COMPILE_CACHE = '1';
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    const left = readdirSync(root);
    if (left.length > 0) process.stderr.write(`\ntemp files left behind by the tests (${left.length}): ${left.sort().join(', ')}\n`);
    rmSync(root, { recursive: true, force: true });
  };
}
