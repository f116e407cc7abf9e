import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBriefingFile } from '../../../src/serve/pages/edition-data.js';
import { sampleBriefing } from '../../fixtures/sample-briefing.js';
import { tempDir } from '../../helpers.js';

describe('readBriefingFile', () => {
  it('reads a briefing once while the file is unchanged, and the new one after an atomic replace', async () => {
    const dir = await tempDir('edition-data-');
    const path = join(dir, 'briefing.json');
    await writeFile(path, JSON.stringify(sampleBriefing));
    const first = await readBriefingFile(path);
    expect(first?.title).toBe(sampleBriefing.title);
    // Unchanged file: the same parsed object, not a second parse.
    expect(await readBriefingFile(path)).toBe(first);

    await writeFile(join(dir, 'next.json'), JSON.stringify({ ...sampleBriefing, title: 'Evening Briefing' }));
    await rename(join(dir, 'next.json'), path);
    expect((await readBriefingFile(path))?.title).toBe('Evening Briefing');

    await writeFile(join(dir, 'bad.json'), '{"title": 1}');
    await rename(join(dir, 'bad.json'), path);
    expect(await readBriefingFile(path)).toBeUndefined();
    expect(await readBriefingFile(join(dir, 'missing.json'))).toBeUndefined();
  });
});
