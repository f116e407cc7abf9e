import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { editionProject } from '../edition/helpers.js';
import { captureIO, repoRoot } from '../helpers.js';
import { deferred, ManualClock, ManualTimers } from '../schedule/helpers.js';

type Line = Record<string, unknown> & { event: string };

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Resolves when `check` holds, polling; rejects after `ms` with what was seen. */
async function until(check: () => boolean, what: () => string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('briefing schedule reloads its configuration', () => {
  it('on a file change (also a rename-over save) replaces the schedules; an invalid file is refused and the old one keeps running; SIGHUP reloads too', async () => {
    const project = await editionProject();
    dirs.push(project.dir);
    const original = readFileSync(project.configPath, 'utf8');
    const clock = new ManualClock('2025-07-10T05:00:00Z');
    const timers = new ManualTimers();
    const stop = deferred<string>();
    let hangup: (() => void) | undefined;
    const lines: Line[] = [];
    let buffered = '';
    const stdout = Object.assign(
      new Writable({
        write(chunk, _e, callback) {
          buffered += String(chunk);
          for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
            lines.push(JSON.parse(buffered.slice(0, nl)) as Line);
            buffered = buffered.slice(nl + 1);
          }
          callback();
        },
      }),
      { isTTY: false },
    ) as unknown as NodeJS.WriteStream;
    const io = captureIO(project.dir);
    const exit = runCli(['schedule'], {
      ...io,
      stdout,
      now: () => clock.now(),
      timers,
      shutdown: () => stop.promise,
      onHangup: (listener) => {
        hangup = listener;
        return () => (hangup = undefined);
      },
      reloadDebounceMs: 50,
    });
    const reloads = () => lines.filter((l) => l.event === 'config.reload');
    const seen = () => JSON.stringify(lines.slice(-3));
    try {
      // The command imports its code when it runs (src/cli/program.ts): give the first start a loaded machine's time.
      await until(() => timers.pending.size === 1, seen, 30_000);
      expect(timers.delays()).toEqual([3_600_000]); // 06:00 is an hour away

      // An edit in place: 05:30 instead of 06:00.
      await writeFile(project.configPath, original.replace('cron: "0 6 * * *"', 'cron: "30 5 * * *"'));
      await until(() => reloads().length === 1, seen);
      expect(reloads()[0]).toMatchObject({ level: 'info', trigger: 'file-change', editions: ['morning'], added: [], removed: [], rescheduled: ['morning'] });
      expect(timers.delays()).toEqual([1_800_000]);

      // An invalid file: refused, saying why; the 05:30 schedule stays armed.
      await writeFile(project.configPath, original.replace('cron: "0 6 * * *"', 'cron: "0 25 * * *"'));
      await until(() => reloads().length === 2, seen);
      expect(reloads()[1]).toMatchObject({ level: 'error', trigger: 'file-change' });
      expect(String(reloads()[1]!.error)).toMatch(/^the changed configuration was refused, the previous one keeps running: .*Invalid cron expression "0 25 \* \* \*"/);
      expect(timers.delays()).toEqual([1_800_000]);

      // An editor's save: a new file renamed over the old one, here adding an edition.
      const saved = join(project.dir, '.briefing.config.yaml.swp');
      await writeFile(
        saved,
        original.replace('cron: "0 6 * * *"', 'cron: "45 5 * * *"') + '  - name: evening\n    schedule: { cron: "0 18 * * *", timezone: UTC }\n    minStories: 0\n',
      );
      await rename(saved, project.configPath);
      await until(() => reloads().length === 3, seen);
      expect(reloads()[2]).toMatchObject({ level: 'info', editions: ['morning', 'evening'], added: ['evening'], rescheduled: ['morning'] });
      expect(timers.delays().sort((a, b) => a - b)).toEqual([2_700_000, 6 * 3_600_000]);

      // SIGHUP reloads whether or not the file changed.
      hangup!();
      await until(() => reloads().length === 4, seen);
      expect(reloads()[3]).toMatchObject({ level: 'info', trigger: 'SIGHUP', added: [], removed: [], rescheduled: [] });
    } finally {
      stop.resolve('SIGTERM');
    }
    expect(await exit, io.err()).toBe(0);
    expect(hangup).toBeUndefined();
  });

  it('a real process reloads on SIGHUP and keeps running (SIGHUP would otherwise end it)', async () => {
    const project = await editionProject();
    dirs.push(project.dir);
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'briefing.js'), 'schedule'], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Line[] = [];
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += String(chunk);
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        lines.push(JSON.parse(buffered.slice(0, nl)) as Line);
        buffered = buffered.slice(nl + 1);
      }
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      await until(() => lines.some((l) => l.event === 'scheduler.start'), () => stderr, 15_000);
      child.kill('SIGHUP');
      await until(() => lines.some((l) => l.event === 'config.reload'), () => `${stderr} ${JSON.stringify(lines)}`, 10_000);
      expect(lines.find((l) => l.event === 'config.reload')).toMatchObject({ level: 'info', trigger: 'SIGHUP', editions: ['morning'] });
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, stderr).toEqual({ code: 0, signal: null });
  }, 30_000);
});
