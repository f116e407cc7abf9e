import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BriefingSchema, SCHEMA_VERSION, briefingJsonSchema } from '../../src/model/schema.js';

describe('the briefing model schema', () => {
  it('is versioned with semantic versioning', () => {
    expect(SCHEMA_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exports a JSON Schema that documents every top-level field', () => {
    const schema = briefingJsonSchema() as { properties: Record<string, { description?: string }> };
    for (const field of ['schemaVersion', 'title', 'date', 'timezone', 'generatedAt', 'articles', 'threads', 'excluded']) {
      expect(schema.properties[field], field).toBeDefined();
    }
    expect(schema.properties.threads!.description).toMatch(/most important first/);
  });

  it('rejects a summary sentence without a source and a malformed date', () => {
    const minimal = {
      schemaVersion: SCHEMA_VERSION,
      title: 't',
      date: '2025-07-11',
      timezone: 'UTC',
      generatedAt: '2025-07-11T06:00:00.000Z',
      generator: { name: 'briefing', version: '0.0.0' },
      inputsDigest: 'x',
      stats: { inputs: 0, articles: 0, articlesOk: 0, excluded: 0, threads: 0, events: 0, outlets: 0 },
      threads: [],
      articles: [],
      entities: [],
      excluded: [],
    };
    expect(BriefingSchema.safeParse(minimal).success).toBe(true);
    expect(BriefingSchema.safeParse({ ...minimal, date: '11/07/2025' }).success).toBe(false);
    const thread = {
      id: 't-1', rank: 1, headline: 'h', events: [{ id: 'e', date: null, dateCertain: false, headline: 'h', summary: [], articleIds: ['a'] }],
      figures: [], quotes: [], conflicts: [], articleIds: ['a'], outlets: [],
    };
    expect(BriefingSchema.safeParse({ ...minimal, threads: [{ ...thread, summary: [{ text: 's', articleIds: ['a'] }] }] }).success).toBe(true);
    expect(BriefingSchema.safeParse({ ...minimal, threads: [{ ...thread, summary: [{ text: 's', articleIds: [] }] }] }).success).toBe(false);
  });

  it('carries a range as a low value and an optional high one, and the numbers dropped from the key figures', () => {
    const range = { value: 40e9, valueHigh: 50e9, unit: 'USD', label: 'purchases', surface: '$40-50 billion', kind: 'money', text: 't', articleId: 'a' };
    const dropped = { value: 911, unit: null, surface: '911', reason: 'emergency-number', text: 'They called 911.', articleId: 'a' };
    const thread = {
      id: 't-1', rank: 1, headline: 'h', summary: [], events: [{ id: 'e', date: null, dateCertain: false, headline: 'h', summary: [], articleIds: ['a'] }],
      figures: [range], droppedFigures: [dropped], quotes: [], conflicts: [], articleIds: ['a'], outlets: [],
    };
    const parsed = BriefingSchema.shape.threads.element.safeParse(thread);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.figures[0]?.valueHigh).toBe(50e9);
    expect(parsed.data?.droppedFigures?.[0]?.reason).toBe('emergency-number');
  });

  it('takes quotes with or without the speaker kind and role, and only the two kinds', () => {
    const quotes = z.array(BriefingSchema.shape.threads.element.shape.quotes.element);
    const plain = { text: 'We will keep talking.', speaker: 'Marco Rubio', articleId: 'a' };
    expect(quotes.safeParse([plain]).success).toBe(true);
    expect(quotes.safeParse([{ ...plain, speakerKind: 'named', speakerRole: "America's top diplomat" }]).success).toBe(true);
    expect(quotes.safeParse([{ ...plain, speaker: 'a spokesperson for CBP', speakerKind: 'unnamed' }]).success).toBe(true);
    expect(quotes.safeParse([{ ...plain, speakerKind: 'anonymous' }]).success).toBe(false);
  });
});
