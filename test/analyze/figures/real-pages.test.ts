/**
 * Golden cases written after patterns seen on real news pages (test/fixtures/real-pages/figures): each file is a
 * small page with the key figures it must give (value, unit, display) and the numbers that must never be key figures.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureCandidates } from '../../../src/analyze/figures/index.js';
import { splitSentences } from '../../../src/analyze/sentences.js';
import type { Figure, Sentence } from '../../../src/analyze/types.js';
import { formatFigure } from '../../../src/render/helpers.js';

const dir = new URL('../../fixtures/real-pages/figures/', import.meta.url).pathname;

interface Case {
  name: string;
  published: string | null;
  keys: { surface: string; low: number; high: number | null; unit: string | null }[];
  displays: { surface: string; shown: string }[];
  notKeys: string[];
  sentences: Sentence[];
}

function parseCase(name: string, text: string): Case {
  const [head, body] = text.split(/^---$/m) as [string, string];
  const c: Case = { name, published: null, keys: [], displays: [], notKeys: [], sentences: [] };
  for (const line of head.split('\n')) {
    const [, field, rest] = /^(\w[\w-]*):\s*(.*)$/.exec(line.trim()) ?? [];
    if (field === 'published') c.published = rest!;
    if (field === 'not-key') c.notKeys.push(rest!);
    if (field === 'display') {
      const [surface, shown] = rest!.split(' => ') as [string, string];
      c.displays.push({ surface, shown });
    }
    if (field === 'key') {
      const [, surface, low, high, unit] = /^(.*?) = (\d+(?:\.\d+)?)(?:\.\.(\d+(?:\.\d+)?))?(?: (.+))?$/.exec(rest!)!;
      c.keys.push({ surface: surface!, low: Number(low), high: high === undefined ? null : Number(high), unit: unit ?? null });
    }
  }
  body.split(/\n\s*\n/).filter((p) => p.trim() !== '').forEach((paragraph, paragraphIndex) => {
    for (const sentence of splitSentences(paragraph.trim())) {
      c.sentences.push({ articleId: name, index: c.sentences.length, paragraph: paragraphIndex, text: sentence });
    }
  });
  return c;
}

const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => parseCase(f, readFileSync(join(dir, f), 'utf8')));

function describeFigures(figures: Figure[]): string {
  return figures.map((f) => `${f.surface}${f.dropped ? ` (${f.dropped})` : ''}`).join(', ');
}

describe.each(cases)('real-page figures: $name', (c) => {
  const all = figureCandidates(c.sentences, { published: c.published });
  const keys = all.filter((f) => !f.dropped);

  it.each(c.keys)('gives $surface as a key figure', ({ surface, low, high, unit }) => {
    const f = keys.find((x) => x.surface === surface);
    expect(f, `${surface} in ${describeFigures(all)}`).toBeDefined();
    expect(f!.value).toBe(low);
    expect(f!.valueHigh ?? null).toBe(high);
    if (unit !== null) expect(f!.unit).toBe(unit);
  });

  it.each(c.displays)('shows $surface as $shown', ({ surface, shown }) => {
    const f = keys.find((x) => x.surface === surface)!;
    expect(formatFigure(f.value, f.unit, 'en-US', f.valueHigh)).toBe(shown);
  });

  it.each(c.notKeys.map((surface) => ({ surface })))('never gives $surface as a key figure', ({ surface }) => {
    expect(keys.map((f) => f.surface), describeFigures(all)).not.toContain(surface);
  });
});
