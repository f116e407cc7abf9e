import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { LEXICON_SOURCE, LEXICON_TAGS, TAG_CODES, TAGS_BY_WORD } from '../../src/analyze/lexicon-words.js';
import { lexiconTags } from '../../src/analyze/lexicon.js';

type Compromise = { version: string; model(): { one: { lexicon: Record<string, string | string[]> } } };

// compromise is a dependency (the tagger of last resort), so it is always there to compare with.
const nlp = createRequire(import.meta.url)('compromise') as Compromise;

describe('the generated lexicon (src/analyze/lexicon-words.ts)', () => {
  it('holds exactly the installed compromise lexicon: run scripts/generate-lexicon.mjs when this fails', () => {
    const fromLibrary = new Map<string, string[]>();
    for (const [word, tags] of Object.entries(nlp.model().one.lexicon)) fromLibrary.set(word, [...new Set(Array.isArray(tags) ? tags : [tags])].sort());
    const fromTable = new Map<string, string[]>();
    for (const [word, codes] of Object.entries(TAGS_BY_WORD)) fromTable.set(word, Array.from(codes, (code) => LEXICON_TAGS[TAG_CODES.indexOf(code)]!));
    for (const tags of fromTable.values()) tags.sort();
    expect(LEXICON_SOURCE).toBe(`compromise ${nlp.version}`);
    expect(fromTable.size).toBe(fromLibrary.size);
    expect(Object.fromEntries(fromTable)).toEqual(Object.fromEntries(fromLibrary));
  });

  it('answers lookups from the table', () => {
    expect(lexiconTags('France').has('Country')).toBe(true);
    expect(lexiconTags('north carolina').size).toBeGreaterThan(0);
    expect(lexiconTags('zzqxv').size).toBe(0);
    // A word naming a member every object has is not read as an entry of the table.
    expect(Object.hasOwn(TAGS_BY_WORD, 'constructor')).toBe(false);
    expect(lexiconTags('Constructor').size).toBe(0);
    expect(lexiconTags('__proto__').size).toBe(0);
  });
});
