import { contentTokens } from './text.js';

// Words outlets use interchangeably for the same tally; a label in one class is about the same thing as another in it.
const SYNONYM_CLASSES: readonly { name: string; pattern: RegExp }[] = [
  { name: 'people killed', pattern: /\b(kill(?:ed|ing|s)?|dead|deaths?|died|dies|fatalit(?:y|ies)|death toll|lives lost|lost their lives)\b/i },
  { name: 'people injured', pattern: /\b(wound(?:ed|ing|s)?|injur(?:ed|ies|y|ing)|hurt|hospitali[sz]ed|casualties)\b/i },
  { name: 'people missing', pattern: /\b(missing|unaccounted)\b/i },
  { name: 'people arrested', pattern: /\b(arrest(?:ed|s)?|detain(?:ed|ees)?|in custody)\b/i },
  { name: 'people displaced', pattern: /\b(displaced|evacuat(?:ed|ion)|fled|refugees|homeless)\b/i },
  { name: 'drones and missiles', pattern: /\b(drones?|missiles?|rockets?|projectiles?|uavs?|shahed)\b/i },
];

/** The synonym class a figure's label falls in ("people injured" for wounded/hurt/injuries), or null. */
export function labelClass(label: string): string | null {
  for (const { name, pattern } of SYNONYM_CLASSES) if (pattern.test(label)) return name;
  return null;
}

/** Characters around a figure searched for the word saying what it counts ("wounded 16 people"). */
const CONTEXT_BEFORE = 40;
const CONTEXT_AFTER = 30;

/**
 * The synonym class of what a figure counts: from its label, else from the class word nearest to the
 * figure in its sentence ("and wounded 16 people" is about people injured even if the label is "people").
 */
export function figureClass(figure: { label: string; surface: string; text: string }): string | null {
  const cached = classCache.get(figure);
  if (cached !== undefined) return cached;
  const found = classOf(figure);
  classCache.set(figure, found);
  return found;
}

// Figures are compared pairwise when grouping; their class is worked out once per figure object.
const classCache = new WeakMap<object, string | null>();
const GLOBAL_PATTERNS = new Map(SYNONYM_CLASSES.map(({ name, pattern }) => [name, new RegExp(pattern.source, 'gi')]));

function classOf(figure: { label: string; surface: string; text: string }): string | null {
  const fromLabel = labelClass(figure.label);
  if (fromLabel) return fromLabel;
  const at = figure.text.indexOf(figure.surface);
  if (at < 0) return null;
  const start = Math.max(0, at - CONTEXT_BEFORE);
  const window = figure.text.slice(start, at + figure.surface.length + CONTEXT_AFTER);
  const figureAt = at - start;
  let best: { name: string; gap: number } | null = null;
  for (const { name } of SYNONYM_CLASSES) {
    for (const match of window.matchAll(GLOBAL_PATTERNS.get(name)!)) {
      const matchStart = match.index;
      const matchEnd = matchStart + match[0].length;
      const gap = matchEnd <= figureAt ? figureAt - matchEnd : Math.max(0, matchStart - (figureAt + figure.surface.length));
      if (!best || gap < best.gap) best = { name, gap };
    }
  }
  return best?.name ?? null;
}

/** Content words of a label, as a set, for overlap tests between labels that fall in no synonym class. */
export function labelWords(label: string): Set<string> {
  return new Set(contentTokens(label));
}
