import { decodeHtmlEntities } from '../text/markup.js';
import { onDemand } from '../util/load-on-demand.js';
import type { ThemeAssets } from './theme-assets.js';

/**
 * A theme's own TrueType/OpenType fonts cut down to the characters one rendered document uses, after the page
 * is rendered (only then is its text known). hb-subset (subset-font, harfbuzz in wasm) to sfnt output: on the
 * seeds, 50–140 ms per render for two faces on a busy 2-CPU machine (plus ~100 ms once per process to load the
 * wasm), and the page fell from 664 KB to 101 KB. woff and woff2 files are inlined whole: re-compressing a
 * subset costs 40–700 ms per face per render, and those formats are already the small web versions.
 */

type SubsetFont = (font: Buffer, text: string, options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype' }) => Promise<Buffer>;
const subsetFont = onDemand<SubsetFont>('subset-font');

const SUBSETTABLE = new Set(['font/ttf', 'font/otf']);

/** Printable ASCII is always kept: page numbers, counters and generated text may use any of it. */
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/**
 * Every character the document could show: its text, attribute values and CSS strings (content: "…"), each in
 * both cases (text-transform), plus printable ASCII. A superset of what is drawn, never less.
 */
export function documentCharacters(html: string): string {
  const withoutData = html.replace(/data:[a-z0-9.+/-]+;base64,[A-Za-z0-9+/=]+/gi, '');
  const chars = new Set<string>(ASCII);
  for (const ch of decodeHtmlEntities(withoutData)) {
    if (ch.charCodeAt(0) < 32) continue;
    chars.add(ch);
    chars.add(ch.toUpperCase());
    chars.add(ch.toLowerCase());
  }
  return [...chars].join('');
}

/** The HTML with each used sfnt font of the theme replaced by its subset; a font that cannot be cut stays whole. */
export async function subsetThemeFonts(html: string, assets: ThemeAssets): Promise<string> {
  const fonts = assets.usedFonts().filter((f) => SUBSETTABLE.has(f.mediaType));
  if (fonts.length === 0) return html;
  const text = documentCharacters(html);
  let out = html;
  for (const font of fonts) {
    const whole = assets.dataUrl(font);
    if (!out.includes(whole)) continue;
    let subset: Buffer;
    try {
      subset = await subsetFont()(font.bytes, text, { targetFormat: 'sfnt' });
    } catch {
      continue; // a font harfbuzz cannot read still renders whole: slower to send, never a failed run
    }
    if (subset.length === 0 || subset.length >= font.bytes.length) continue;
    out = out.split(whole).join(`data:${font.mediaType};base64,${subset.toString('base64')}`);
  }
  return out;
}
