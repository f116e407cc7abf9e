import { beforeAll, describe, expect, test } from 'vitest';
import { BriefingSchema, type Briefing } from '../../src/model/schema.js';
import { generateBriefing } from '../../src/pipeline.js';
import { HELPERS } from '../../src/render/helpers.js';
import { modelFields, templateReference } from '../../src/render/reference.js';
import { sampleBriefing, sampleWithBriefThreads } from '../fixtures/sample-briefing.js';
import { seedsDir } from '../helpers.js';

let seeds: Briefing;
let page: string;
beforeAll(async () => {
  ({ briefing: seeds } = await generateBriefing({ inputs: [seedsDir], date: '2025-07-11', timezone: 'Europe/London', now: new Date('2025-07-11T06:00:00Z') }));
  const out = templateReference(seeds);
  expect(out.filename).toBe('TEMPLATES.md');
  page = String(out.content);
});

/** The table row of a field, split into its cells. */
function row(path: string): string[] {
  const line = page.split('\n').find((l) => l.startsWith(`| \`${path}\` |`));
  expect(line, path).toBeDefined();
  return line!.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
}

describe('the template reference', () => {
  test('lists every top-level field with its type, and an example from the seeds briefing when it has the field', () => {
    const keys = Object.keys(BriefingSchema.shape);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      const [, type, required, , example] = row(key);
      expect(type, key).toMatch(/\S/);
      if (key in seeds) expect(example, key).not.toBe('(not in the sample)');
      else expect(required).toBe('no');
    }
    expect(row('date')[4]).toBe('`"2025-07-11"`');
    expect(row('title')[4]).toBe(`\`${JSON.stringify(seeds.title)}\``);
    expect(row('threads')[1]).toBe('object[]');
    expect(row('threads')[4]).toBe(`\`${seeds.threads.length} ${seeds.threads.length === 1 ? 'item' : 'items'}\``);
  });

  test('lists every thread field with its type, description and an example taken from the seeds thread', () => {
    const threadShape = BriefingSchema.shape.threads.element.shape;
    const thread = seeds.threads[0]!;
    for (const key of Object.keys(threadShape)) {
      const [, type, , , example] = row(`threads[].${key}`);
      expect(type, key).toMatch(/\S/);
      if (key in thread) expect(example, key).not.toBe('(not in the sample)');
    }
    expect(row('threads[].headline')[4]).toBe(`\`${JSON.stringify(thread.headline)}\``);
    expect(row('threads[].rank')).toEqual(['`threads[].rank`', 'integer', 'yes', '1 = most important thread of the briefing.', '`1`']);
    expect(row('threads[].figures[].unit')[1]).toBe('string \\| null');
    expect(row('threads[].events[].date')[1]).toBe('date (YYYY-MM-DD) \\| null');
    expect(row('articles[].status')[1]).toContain('"paywalled"');
  });

  test('an example comes from the first list item that has one, across threads', () => {
    // The sample's third thread has no conflicts, the first does: the example is the first thread's.
    const fields = modelFields(sampleBriefing);
    const about = fields.find((f) => f.path === 'threads[].conflicts[].about')!;
    expect(about.example).toBe(JSON.stringify(sampleBriefing.threads.flatMap((t) => t.conflicts)[0]!.about));
    expect(fields.find((f) => f.path === 'memory')!.example).toBeNull();
  });

  test('threads[].inBrief: optional, always true where set, its example from the first thread in brief', () => {
    const inBrief = (sample: Briefing) => modelFields(sample).find((f) => f.path === 'threads[].inBrief')!;
    expect(inBrief(sampleWithBriefThreads)).toMatchObject({ type: 'true', required: false, example: 'true' });
    expect(inBrief(sampleWithBriefThreads).description).toMatch(/threadsInFull/);
    expect(inBrief(sampleBriefing).example).toBeNull();
  });

  test('documents every helper and the template variables', () => {
    for (const h of HELPERS) expect(page).toContain(`| \`${h.name}\` |`);
    for (const v of ['@theme', '@locale', '@dateFormat', '@accent', '@brand', '@editorNote', '@css']) expect(page).toContain(v);
  });

  test('is the same for the same briefing', () => {
    expect(String(templateReference(seeds).content)).toBe(page);
  });
});
