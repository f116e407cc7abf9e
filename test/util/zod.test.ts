import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z as installed } from 'zod';
import { repoRoot } from '../helpers.js';

describe("the program's one zod (src/util/zod.ts)", () => {
  test('is set to interpret its parses before the first schema is made, and parses the briefing model as before', async () => {
    const { BriefingSchema } = await import('../../src/model/schema.js');
    expect(installed.config().jitless).toBe(true);
    const { sampleBriefing } = await import('../fixtures/sample-briefing.js');
    expect(BriefingSchema.parse(JSON.parse(JSON.stringify(sampleBriefing)))).toEqual(sampleBriefing);
    expect(BriefingSchema.safeParse({ ...sampleBriefing, date: 5 }).success).toBe(false);
  });

  test('every module that makes a schema takes z from it (a schema made first elsewhere would be compiled)', async () => {
    const src = join(repoRoot, 'src');
    const offenders: string[] = [];
    for (const name of await readdir(src, { recursive: true })) {
      if (!name.endsWith('.ts') || name === join('util', 'zod.ts')) continue;
      const text = await readFile(join(src, name), 'utf8');
      if (/^import\s+(?!type\b)[^;]*from\s+'zod(\/[^']*)?';/m.test(text)) offenders.push(name);
    }
    expect(offenders).toEqual([]);
  });
});
