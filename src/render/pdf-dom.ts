import type { Page } from 'puppeteer-core';
import type { BreakPoint } from './pdf-paginate.js';

/**
 * What renderPdf reads from and writes into the loaded document. These functions run inside the page
 * through DevTools evaluation, which works with the page's own JavaScript disabled; as no page script
 * ever ran, the DOM they see is untampered. The project compiles without the DOM typings, hence `any`.
 */

export interface OutlineEntry {
  id: string;
  title: string;
  /** 1 = top level, 2 = nested under the previous level-1 entry. */
  level: 1 | 2;
}

export interface PreparedDocument {
  outline: OutlineEntry[];
  /** Ids the table of contents wants page numbers for, in document order, those that exist. */
  tocTargets: string[];
  /** data-toc-page-for values naming no element. */
  missingTargets: string[];
}

export interface Measurement {
  /** Document y (CSS px) of the top of each target. */
  tops: Record<string, number>;
  /** Where a page could break; see pdf-paginate.ts. */
  points: BreakPoint[];
  /** Elements with break-inside: avoid, as [top, bottom]. */
  avoid: [number, number][];
  /** Height of the whole document. */
  height: number;
}

/** Marks the links renderPdf adds; Chromium writes a PDF named destination for every in-document link target. */
const LINKS_ATTR = 'data-briefing-pdf-links';

/**
 * Waits for web fonts (layout measured before they arrive would not be the printed layout), then adds the page
 * rule and the links that make Chromium write a destination for every outline entry and contents target, and reads
 * the outline: one DevTools round trip.
 */
export function prepareDocument(page: Page, css: string): Promise<PreparedDocument> {
  return page.evaluate(
    async (css: string, linksAttr: string) => {
      const doc = (globalThis as any).document;
      await doc.fonts.ready;
      const style = doc.createElement('style');
      style.textContent = css;
      (doc.head ?? doc.documentElement).appendChild(style);

      const taken = new Set<string>();
      for (const el of doc.querySelectorAll('[id]')) taken.add(el.id);
      const outline: { id: string; title: string; level: 1 | 2 }[] = [];
      let counter = 0;
      for (const el of doc.querySelectorAll('[data-outline]')) {
        if (!el.id) {
          do counter += 1;
          while (taken.has(`briefing-outline-${counter}`));
          el.id = `briefing-outline-${counter}`;
          taken.add(el.id);
        }
        const title = String(el.getAttribute('data-outline') || el.textContent || '').replace(/\s+/g, ' ').trim();
        outline.push({ id: el.id, title: title || el.id, level: el.getAttribute('data-outline-level') === '2' ? 2 : 1 });
      }

      const tocTargets: string[] = [];
      const missing: string[] = [];
      for (const slot of doc.querySelectorAll('[data-toc-page-for]')) {
        const id = String(slot.getAttribute('data-toc-page-for'));
        const list = doc.getElementById(id) ? tocTargets : missing;
        if (!list.includes(id)) list.push(id);
      }

      const links = doc.createElement('div');
      links.setAttribute(linksAttr, '');
      links.setAttribute('aria-hidden', 'true');
      links.style.display = 'none';
      for (const id of new Set([...outline.map((entry) => entry.id), ...tocTargets])) {
        const a = doc.createElement('a');
        a.setAttribute('href', `#${encodeURIComponent(id)}`);
        links.appendChild(a);
      }
      doc.body.appendChild(links);
      return { outline, tocTargets, missingTargets: missing };
    },
    css,
    LINKS_ATTR,
  );
}

/**
 * Collects the break opportunities of the current (print media, page-wide) layout: between block
 * siblings and between the lines of each block, with the CSS rules that forbid or force them.
 */
export function measure(page: Page, ids: string[]): Promise<Measurement> {
  return page.evaluate((ids: string[]) => {
    const win = globalThis as any;
    const doc = win.document;
    const sy = Number(win.scrollY) || 0;
    const tops: Record<string, number> = {};
    for (const id of ids) {
      const el = doc.getElementById(id);
      // An element that is not rendered gets no page (and no PDF destination either).
      if (el && el.getClientRects().length > 0) tops[id] = el.getBoundingClientRect().top + sy;
    }
    const FORCED = new Set(['page', 'left', 'right', 'recto', 'verso', 'always']);
    const AVOID = new Set(['avoid', 'avoid-page']);
    const BLOCK = new Set(['block', 'list-item', 'table', 'flow-root', 'flex', 'grid', 'table-row', 'table-row-group', 'table-header-group', 'table-footer-group']);
    const points: { fit: number; start: number; rank: number; forced: boolean }[] = [];
    const avoid: [number, number][] = [];
    const styles = new Map<any, any>();
    const styleOf = (el: any) => {
      let cs = styles.get(el);
      if (!cs) styles.set(el, (cs = win.getComputedStyle(el)));
      return cs;
    };
    const inFlowBlock = (el: any) => {
      const cs = styleOf(el);
      return BLOCK.has(cs.display) && cs.float === 'none' && cs.position !== 'absolute' && cs.position !== 'fixed' && el.getClientRects().length > 0;
    };
    for (const el of doc.body.querySelectorAll('*')) {
      if (!inFlowBlock(el)) continue;
      const cs = styleOf(el);
      const rect = el.getBoundingClientRect();
      if (AVOID.has(cs.breakInside) || cs.pageBreakInside === 'avoid') avoid.push([rect.top + sy, rect.bottom + sy]);
      let prev = el.previousElementSibling;
      while (prev && !inFlowBlock(prev)) prev = prev.previousElementSibling;
      const pcs = prev ? styleOf(prev) : undefined;
      const forced = FORCED.has(cs.breakBefore) || cs.pageBreakBefore === 'always' || (pcs !== undefined && (FORCED.has(pcs.breakAfter) || pcs.pageBreakAfter === 'always'));
      if (!prev && !forced) continue;
      const avoided = AVOID.has(cs.breakBefore) || cs.pageBreakBefore === 'avoid' || (pcs !== undefined && (AVOID.has(pcs.breakAfter) || pcs.pageBreakAfter === 'avoid'));
      const fit = prev ? prev.getBoundingClientRect().bottom + sy : rect.top + sy;
      points.push({ fit, start: rect.top + sy, rank: avoided ? 2 : 0, forced });
    }

    // Lines: text rectangles grouped by their block container, merged into lines.
    const lines = new Map<any, { top: number; bottom: number }[]>();
    const range = doc.createRange();
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/\S/.test(node.data)) continue;
      let block = node.parentElement;
      while (block && block !== doc.body && !BLOCK.has(styleOf(block).display) && styleOf(block).display !== 'table-cell') block = block.parentElement;
      if (!block) continue;
      range.selectNodeContents(node);
      const list = lines.get(block) ?? [];
      for (const r of range.getClientRects()) if (r.height > 0) list.push({ top: r.top + sy, bottom: r.bottom + sy });
      lines.set(block, list);
    }
    for (const [block, rects] of lines) {
      rects.sort((a, b) => a.top - b.top);
      const merged: { top: number; bottom: number }[] = [];
      for (const r of rects) {
        const last = merged[merged.length - 1];
        if (last && r.top < last.bottom - 1) last.bottom = Math.max(last.bottom, r.bottom);
        else merged.push({ ...r });
      }
      const cs = styleOf(block);
      const orphans = Number(cs.orphans) || 2;
      const widows = Number(cs.widows) || 2;
      // Text rectangles sit inside their line boxes at a fixed distance from the line top (the
      // top half-leading, which Blink rounds unevenly): learn it from the first line, which starts at
      // the block's content top. Half-way between the texts is the fallback, up to half a pixel off.
      const box = block.getBoundingClientRect();
      const contentTop = box.top + sy + (parseFloat(cs.borderTopWidth) || 0) + (parseFloat(cs.paddingTop) || 0);
      const first = merged[0];
      const offset = first ? first.top - contentTop : -1;
      const exact = first !== undefined && offset >= 0 && offset < first.bottom - first.top;
      for (let i = 1; i < merged.length; i += 1) {
        const y = exact ? merged[i]!.top - offset : (merged[i - 1]!.bottom + merged[i]!.top) / 2;
        points.push({ fit: y, start: y, rank: i < orphans || merged.length - i < widows ? 1 : 0, forced: false });
      }
    }
    return { tops, points, avoid, height: doc.documentElement.scrollHeight };
  }, ids);
}

/**
 * Writes page numbers into the table of contents (as text: nothing here is parsed as HTML). Says whether writing them
 * moved anything: false when the block around every slot kept its box, so no line re-wrapped and every position
 * measured before the numbers were written still holds.
 */
export function fillTocSlots(page: Page, pages: Record<string, number>): Promise<boolean> {
  return page.evaluate((pages: Record<string, number>) => {
    const win = globalThis as any;
    const doc = win.document;
    const slots = [...doc.querySelectorAll('[data-toc-page-for]')];
    const blockAround = (el: any) => {
      let block = el.parentElement;
      while (block && block !== doc.body && /^(inline|contents)/.test(win.getComputedStyle(block).display)) block = block.parentElement;
      return block ?? doc.body;
    };
    const blocks = [...new Set(slots.map(blockAround))];
    const box = (el: any) => {
      const r = el.getBoundingClientRect();
      return `${r.top} ${r.left} ${r.width} ${r.height}`;
    };
    const before = blocks.map(box);
    for (const slot of slots) {
      const n = pages[String(slot.getAttribute('data-toc-page-for'))];
      slot.textContent = n === undefined ? '' : String(n);
    }
    return blocks.some((block, i) => box(block) !== before[i]);
  }, pages);
}
