import type { GroupOptions } from './types.js';

/**
 * Defaults, each set from what the number means rather than fitted to evaluation items:
 * - leadSentences 4 (cores, and the second view of the split test): news is written as an inverted pyramid;
 *   headline and first sentences say who did what, where and when, while later paragraphs give background shared
 *   with other happenings of the same story.
 * - eventThreshold 0.2: the precise cut ("cores", kept on one side when a story is split), on leads and entities
 *   together (a pair's lead cosine, capped by its entity cosine). Two leads on one happening share their named
 *   actors, place and specifics, so their entity-boosted TF-IDF cosine is typically 0.3 or more, while leads of
 *   different happenings in one story share only the story's actors (about 0.1); 0.2 sits between the two. Leads
 *   of look-alike happenings written to one template ("X checks into rehab") share words but not all names.
 * - storyThreshold 0.1: the generous whole-text cut (every word alike, names not boosted), meant to hold every
 *   report of a happening (follow-ups days later included) together with its look-alikes; reports of unrelated
 *   stories share only common words (cosine under 0.05 for 99 pairs in 100 on ECB+), so 0.1 stays clear of them
 *   while keeping a story whole. Boosted names would let one country or president chain a day's stories.
 * - splitRatio 0.7: a story is split where articles across two parts are under 70% as alike as those within a
 *   part. Halves of one happening are as alike across as within (ratio near 1); two happenings of one kind share
 *   only the story's vocabulary (about half). 0.7 sits between the two. Time and size move it (src/group/refine.ts).
 *   Cores obey the same test: two groups of leads far less alike across than within are not merged into one core.
 * - threadThreshold 0.2: two events join a thread when both their texts (centroid cosine) and their main actors
 *   (overlap of the five most mentioned) reach it: the same subject and the same actors, a looser bar than events.
 * - nearDuplicateContainment 0.8: the usual cut for "the same wire copy" in shingling literature.
 * - allPairsLimit 2000: all pairs of 2,000 articles is about two million sparse dot products, still fast.
 * - entityBoost 3: a named person or place says more about which happening it is than three common words.
 */
export const GROUP_DEFAULTS: Required<GroupOptions> = {
  eventThreshold: 0.2,
  threadThreshold: 0.2,
  nearDuplicateContainment: 0.8,
  allPairsLimit: 2000,
  entityBoost: 3,
  leadSentences: 4,
  storyThreshold: 0.1,
  splitRatio: 0.7,
};

export function resolveGroupOptions(options: GroupOptions | undefined): Required<GroupOptions> {
  return { ...GROUP_DEFAULTS, ...stripUndefined(options ?? {}) };
}

function stripUndefined(options: GroupOptions): GroupOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as GroupOptions;
}
