import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBriefing } from '../../src/pipeline.js';
import { tempDir } from '../helpers.js';

const PARAGRAPHS = [
  'Harbour workers in the port of Rotterdam walked off the job on Wednesday after talks on wages collapsed late on Tuesday night.',
  'The union said about 4,500 workers joined the strike, which halted container handling and left 37 ships waiting at anchor.',
  'The employers said their offer of a 4.5% pay rise over two years was final and warned of losses of about €20m a day.',
];

async function briefingOf(files: Record<string, string>) {
  const dir = await tempDir();
  await mkdir(join(dir, 'in'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'in', name), text);
  return (await generateBriefing({ inputs: [join(dir, 'in')], date: '2025-07-10', timezone: 'UTC' })).briefing;
}

describe('articles[].contentHash', () => {
  it('is the same for the same text from another file, however it is wrapped, and differs for other text', async () => {
    const first = await briefingOf({ 'a.txt': `Rotterdam dockworkers strike\n\n${PARAGRAPHS.join('\n\n')}` });
    const rewrapped = await briefingOf({ 'b.txt': `Rotterdam dockworkers strike\n\n${PARAGRAPHS.map((p) => p.replace(/ /g, '  ')).join('\n\n')}\n` });
    const edited = await briefingOf({ 'c.txt': `Rotterdam dockworkers strike\n\n${[...PARAGRAPHS.slice(0, 2), 'The employers made no comment.'].join('\n\n')}` });
    const hash = (b: typeof first) => b.articles[0]!.contentHash;
    expect(hash(first)).toMatch(/^[0-9a-f]{64}$/);
    expect(hash(rewrapped)).toBe(hash(first));
    expect(hash(edited)).not.toBe(hash(first));
  });
});
