// One temporary folder for the whole test run: every test's temp files (and Chromium's profiles) go inside it, through
// TMPDIR, which the workers inherit. Tests remove what they make (tempDir() in helpers.ts does it for them); what is
// still there at the end is listed, so a leaking test is named, and then removed, so nothing is left in /tmp.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'briefing-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    const left = readdirSync(root);
    if (left.length > 0) process.stderr.write(`\ntemp files left behind by the tests (${left.length}): ${left.sort().join(', ')}\n`);
    rmSync(root, { recursive: true, force: true });
  };
}
