import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { BriefingGenerateRefusedError, handleBriefingGenerate } from '../../src/queue/generate-job.js';
import { servedJobsRoot, type BriefingGenerateData } from '../../src/queue/jobs.js';
import { tempDir } from '../helpers.js';

describe('briefing.generate in a worker', () => {
  it('reads and writes only the server\'s job folders under the shared outDir, whatever a job says', async () => {
    const dir = await tempDir();
    const config = await loadConfig({ cwd: dir, env: {} });
    const root = servedJobsRoot(config);
    const job = (inputs: string[], outDir: string): BriefingGenerateData => ({
      inputs,
      outDir,
      date: '2025-07-11',
      timezone: 'UTC',
      title: 'T',
      formats: ['json'],
    });
    const deps = { config, now: () => new Date('2025-07-11T06:00:00Z'), onProgress: () => {} };
    for (const data of [
      job([join(root, 'srv', 'upload-1', 'a.txt')], '/etc'),
      job(['/etc/passwd'], join(root, 'srv', 'job-1')),
      job([join(root, '..', '..', 'x.txt')], join(root, 'srv', 'job-1')),
      job([], root),
    ]) {
      await expect(handleBriefingGenerate(data, deps)).rejects.toBeInstanceOf(BriefingGenerateRefusedError);
    }
  });

  it('a briefing with nothing usable is refused for good, with the reasons', async () => {
    const dir = await tempDir();
    const config = await loadConfig({ cwd: dir, env: {} });
    const root = servedJobsRoot(config);
    const error = await handleBriefingGenerate(
      { inputs: [join(root, 'srv', 'upload-1')], outDir: join(root, 'srv', 'job-1'), date: '2025-07-11', timezone: 'UTC', title: 'T', formats: ['json'] },
      { config, now: () => new Date('2025-07-11T06:00:00Z'), onProgress: () => {} },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefingGenerateRefusedError);
    expect((error as Error).message).toMatch(/upload-1/);
  });
});
