import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { captureIO } from '../helpers.js';
import { editionProject } from '../edition/helpers.js';
import { freePort } from '../helpers.js';

describe('the queue commands from the command line', () => {
  it('briefing worker without a queue says the three ways to give one', async () => {
    const project = await editionProject();
    const io = { ...captureIO(project.dir), env: {}, shutdown: () => new Promise<string>(() => {}) };
    expect(await runCli(['worker'], io)).toBe(2);
    expect(io.err()).toMatch(/briefing worker needs a queue: give --queue redis:\/\/HOST:PORT, set BRIEFING_QUEUE, or add queue: \{ url: redis:\/\/HOST:PORT \} to .*briefing\.config\.yaml/);
  });

  it('refuses a queue URL that is not redis://, naming where it came from', async () => {
    const project = await editionProject();
    const io = { ...captureIO(project.dir), env: { BRIEFING_QUEUE: 'http://127.0.0.1:6379' } };
    expect(await runCli(['status', '--queue'], io)).not.toBe(0);
    expect(io.err()).toContain('BRIEFING_QUEUE "http://127.0.0.1:6379" must be a redis:// or rediss:// URL');
  });

  it('briefing status --queue with Redis down says so and how to go on', async () => {
    const project = await editionProject();
    const port = await freePort();
    const io = { ...captureIO(project.dir), env: {} };
    expect(await runCli(['status', '--queue', `redis://127.0.0.1:${port}`], io)).toBe(2);
    expect(io.err()).toContain(`the queue at redis://127.0.0.1:${port} did not answer`);
    expect(io.err()).toContain('leave out --queue');
  });
});
