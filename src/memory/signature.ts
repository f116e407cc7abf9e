import { contentTokens } from '../group/tokens.js';
import type { Briefing, BriefingThread } from '../model/schema.js';

const TOP_ENTITIES = 8;
const TOP_TERMS = 12;

/**
 * Jaccard similarity from which a thread sharing no article with a remembered one is still the same story.
 * A signature has up to 20 items (8 entities + 12 terms). A story's next day keeps most of its actors and subject
 * words while the details change: 0.44-0.52 between the days of the Rotterdam strike in test/memory. A different
 * story of the same beat (a Schiphol strike called by the same union) shares the union, the country and "strike",
 * "union": 0.09-0.14; unrelated stories 0. 0.25 sits between the two with room on both sides.
 */
export const SIGNATURE_THRESHOLD = 0.25;

/**
 * What a thread is about, as a set: its most present entities ("e:<key>", ranked by how many of the thread's
 * articles mention them) and its most frequent content words ("t:<word>") from the headline and summaries.
 * Numbers are left out: they change every day while the story stays the same.
 */
export function threadSignature(briefing: Briefing, thread: BriefingThread): string[] {
  const ids = new Set(thread.articleIds);
  const entities = briefing.entities
    .map((entity) => ({ entity, shared: entity.articleIds.filter((id) => ids.has(id)).length }))
    .filter((x) => x.shared > 0)
    .sort((a, b) => b.shared - a.shared || b.entity.mentions - a.entity.mentions || a.entity.key.localeCompare(b.entity.key))
    .slice(0, TOP_ENTITIES)
    .map((x) => `e:${x.entity.key}`);

  const text = [thread.headline, ...thread.summary.map((s) => s.text), ...thread.events.flatMap((e) => [e.headline, ...e.summary.map((s) => s.text)])];
  const counts = new Map<string, number>();
  for (const token of text.flatMap((t) => contentTokens(t))) {
    if (/^\d/.test(token)) continue;
    counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  const terms = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_TERMS)
    .map(([term]) => `t:${term}`);
  return [...entities, ...terms];
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  let shared = 0;
  for (const item of left) if (right.has(item)) shared++;
  const union = left.size + right.size - shared;
  return union === 0 ? 0 : shared / union;
}
