import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefingSchema } from '../../src/model/schema.js';
import { listRuns, openStore } from '../../src/store/index.js';
import { repoRoot } from '../helpers.js';
import { editionProject } from '../edition/helpers.js';

const bin = join(repoRoot, 'bin', 'briefing.js');

interface Line {
  event: string;
  status?: string;
  [key: string]: unknown;
}

describe('briefing schedule (the built program, as a child process)', () => {
  it('runs the edition on its cron, logs JSON lines, and on SIGTERM stops cleanly with exit 0 and no partial files', async () => {
    // Six fields: every second, so a run comes due at once without waiting for a minute boundary. Today's window
    // holds none of the fixture's (2025) articles: minStories 0 lets that empty edition count as a success here.
    const project = await editionProject({ cron: '* * * * * *', extra: '    minStories: 0\n' });
    const child = spawn(process.execPath, [bin, 'schedule', '--grace', '5'], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Line[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    let buffered = '';
    const finished = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += String(chunk);
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const text = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          const line = JSON.parse(text) as Line; // every stdout line must be JSON
          lines.push(line);
          if (line.event === 'run.finish') resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
    });
    await finished;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);

    // The new database file's migration is reported first, then the scheduler starts.
    expect(lines[0]).toMatchObject({ event: 'cron.message', message: expect.stringMatching(/applied \d+ schema migration/) });
    expect(lines[1]).toMatchObject({ event: 'scheduler.start', editions: ['morning'] });
    const finish = lines.find((l) => l.event === 'run.finish')!;
    expect(finish).toMatchObject({ edition: 'morning', status: 'success', level: 'info' });
    expect(typeof finish.ts).toBe('string');
    expect(lines.some((l) => l.event === 'run.output' && String(l.path).endsWith('.json'))).toBe(true);
    expect(lines.some((l) => l.event === 'run.delivery' && l.channel === 'file' && l.status === 'sent')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ event: 'scheduler.stop' });

    // Whatever the signal interrupted, the folder holds whole files only: no temp files, every JSON complete.
    const names = await readdir(join(project.dir, 'out', 'morning'));
    expect(names.filter((n) => n.endsWith('.tmp') || n.startsWith('.'))).toEqual([]);
    const json = names.find((n) => n.endsWith('.json'))!;
    expect(() => BriefingSchema.parse(JSON.parse(readFileSync(join(project.dir, 'out', 'morning', json), 'utf8')))).not.toThrow();

    // The runs ledger in the store file recorded the claimed occurrences, none left as running.
    const store = await openStore(project.db);
    try {
      const runs = await store.read((db) => listRuns(db, { edition: 'morning' }));
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.every((r) => r.outcome === 'ok' || r.outcome === 'aborted')).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);
});
