/**
 * Predicts where Chromium will break pages, from break opportunities measured in the continuous
 * (screen) layout at page width. It follows CSS Fragmentation: forced breaks first; otherwise the
 * latest break that fits, preferring breaks that honour orphans/widows and break-*: avoid. It is a
 * prediction: renderPdf checks it against the printed PDF.
 */

export interface BreakPoint {
  /** Content before the break ends here (the trailing margin may overflow the page). */
  fit: number;
  /** Content after the break starts here (its leading margin is truncated at the page top). */
  start: number;
  /** 0 = a clean break; 1 = violates orphans/widows; 2 = violates break-*: avoid. */
  rank: number;
  forced: boolean;
}

const EPS = 0.5;

/** Document y positions at which pages 2, 3, ... start. */
export function pageStarts(points: BreakPoint[], avoid: [number, number][], height: number, pageHeight: number): number[] {
  const ranked = points.map((p) => ({
    ...p,
    rank: Math.max(p.rank, avoid.some(([top, bottom]) => top + EPS < p.start && p.start < bottom - EPS) ? 2 : 0),
  }));
  ranked.sort((a, b) => a.start - b.start);
  const starts: number[] = [];
  let s = 0;
  while (s + pageHeight < height - EPS) {
    const limit = s + pageHeight;
    let chosen: number | undefined;
    let best: (typeof ranked)[number] | undefined;
    for (const p of ranked) {
      if (p.start <= s + EPS) continue;
      if (p.fit > limit + EPS) break;
      if (p.forced) {
        chosen = p.start;
        break;
      }
      if (!best || p.rank <= best.rank) best = p;
    }
    chosen ??= best?.start ?? limit;
    starts.push(chosen);
    s = chosen;
  }
  // Forced breaks after the last overflow still start pages.
  for (const p of ranked) if (p.forced && p.start > s + EPS) starts.push((s = p.start));
  return starts;
}

/** 1-based page of a document position, given the page starts. */
export function pageAt(y: number, starts: number[]): number {
  let page = 1;
  for (const start of starts) if (start <= y + EPS) page += 1;
  return page;
}
