import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { MAX_RECORDS_PER_FILE } from '../../src/ingest/json-records.js';
import { collectSources } from '../../src/sources/index.js';
import { tempDir } from '../helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('briefing-large-json-');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (key: string, i: number) => ({ id: key, text: `Record ${i} of the export says hello.` });

describe('JSON files with very many records', () => {
  it('reads a 200,000-record array up to the per-file cap and says how many were left out', async () => {
    const path = join(dir, 'export.json');
    await writeFile(path, JSON.stringify(Array.from({ length: 200_000 }, (_, i) => record(`r${i}`, i))));
    const result = await ingest([path], { maxBytes: 50 * 1024 * 1024 });
    expect(result.documents).toHaveLength(MAX_RECORDS_PER_FILE);
    expect(result.documents[0]!.path).toBe(`${path}#r0`);
    expect(result.excluded).toEqual([]);
    expect(result.warnings).toEqual([`${path}: only the first 10000 records are used; 190000 more were left out (split the file to read them)`]);
  });

  it('caps JSON Lines the same way', async () => {
    const path = join(dir, 'export.jsonl');
    await writeFile(path, Array.from({ length: 10_005 }, (_, i) => JSON.stringify(record(`l${i}`, i))).join('\n'));
    const result = await ingest([path]);
    expect(result.documents).toHaveLength(MAX_RECORDS_PER_FILE);
    expect(result.warnings).toEqual([`${path}: only the first 10000 records are used; 5 more were left out (split the file to read them)`]);
  });

  it('collects 200,000 records from one folder source without overflowing the stack', async () => {
    for (let f = 0; f < 20; f++) {
      const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify(record(`p${f}-${i}`, i)));
      await writeFile(join(dir, `part-${String(f).padStart(2, '0')}.jsonl`), lines.join('\n'));
    }
    const result = await collectSources([{ name: 'dump', kind: 'path', location: dir }], {});
    expect(result.documents).toHaveLength(200_000);
    expect(result.documents.at(-1)!.path).toBe(`${join(dir, 'part-19.jsonl')}#p19-9999`);
    expect(result.failedSources).toEqual([]);
  }, 30_000);
});
