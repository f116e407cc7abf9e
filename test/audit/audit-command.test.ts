import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditBriefing } from '../../src/audit/index.js';
import { runCli } from '../../src/cli/program.js';
import { sampleBriefing } from '../fixtures/sample-briefing.js';
import { captureIO, tempDir } from '../helpers.js';

function withJunk() {
  const briefing = structuredClone(sampleBriefing);
  const thread = briefing.threads[0]!;
  thread.headline = 'Investors don&#39;t know what to make of it';
  thread.figures.push({ ...thread.figures[0]!, value: 2018, unit: null, surface: '2018', label: 'analysis', kind: 'count', text: 'A 2018 analysis found more.' });
  thread.droppedFigures = [{ value: 911, unit: null, surface: '911', reason: 'emergency-number', text: 'They called 911.', articleId: 'a' }];
  return briefing;
}

describe('briefing audit', () => {
  it('lists every item with the rule that produced it and counts the suspects per kind', () => {
    const clean = auditBriefing(sampleBriefing);
    const thread = sampleBriefing.threads[0]!;
    expect(clean.totals.figure.items).toBe(sampleBriefing.threads.reduce((n, t) => n + t.figures.length, 0));
    expect(clean.totals.quote.items).toBe(sampleBriefing.threads.reduce((n, t) => n + t.quotes.length, 0));
    expect(clean.items.find((i) => i.kind === 'headline' && i.threadId === thread.id)?.shown).toBe(thread.headline);
    expect(clean.dropped).toEqual([]);
    const junk = auditBriefing(withJunk());
    expect(junk.dropped).toEqual([{ kind: 'figure', threadId: thread.id, articleId: 'a', shown: '911', reason: 'emergency-number' }]);
    expect(junk.totals.figure.suspect).toBe(clean.totals.figure.suspect + 1);
    expect(junk.items.find((i) => i.kind === 'headline' && i.threadId === thread.id)?.suspects.map((s) => s.sign)).toContain('raw-entity');
  });

  it('reads a briefing file, prints the suspects, and with --strict exits 6 when there are any', async () => {
    const dir = await tempDir();
    const file = join(dir, 'briefing.json');
    await writeFile(file, JSON.stringify(withJunk()));
    const io = captureIO(dir);
    expect(await runCli(['audit', 'briefing.json'], io)).toBe(0);
    expect(io.out()).toMatch(/^kind\s+items\s+suspect/m);
    expect(io.out()).toMatch(/\[year\] "2018" reads as a year/);
    expect(io.out()).toMatch(/kept off the page: 1 figure\(s\), 0 quote\(s\)/);
    const all = captureIO(dir);
    expect(await runCli(['audit', 'briefing.json', '--all'], all)).toBe(0);
    expect(all.out()).toMatch(/dropped figure t-[\w-]+: 911\n {4}rule: emergency-number/);
    const strict = captureIO(dir);
    expect(await runCli(['audit', file, '--strict', '--json'], strict)).toBe(6);
    expect(JSON.parse(strict.out()).totals.figure.suspect).toBeGreaterThan(0);
  });

  it('says what is wrong with a file that is not a briefing (exit 2)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'notes.json'), '{"hello": 1}');
    await writeFile(join(dir, 'broken.json'), '{"threads": [');
    const io = captureIO(dir);
    expect(await runCli(['audit', 'notes.json'], io)).toBe(2);
    expect(await runCli(['audit', 'broken.json'], io)).toBe(2);
    expect(io.err()).toMatch(/cannot audit notes\.json: it is not a briefing/);
    expect(io.err()).toMatch(/cannot audit broken\.json: it is not JSON/);
  });
});
